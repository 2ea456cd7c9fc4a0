// tiqu: typed, source-grounded facts from Chinese government and party news.
//
// Using the installed package (see examples/cpp/ for a complete program):
//
//   find_package(tiqu CONFIG REQUIRED)        # CMake; or: pkg-config --cflags --libs tiqu
//   target_link_libraries(my_app PRIVATE tiqu::tiqu)
//
// Tutorial
//
// 1. Build an extractor once. With no options it uses the rule packs compiled
//    into the library, so it needs no files at run time:
//
//      #include "tiqu/tiqu.h"
//
//      tiqu::StatusOr<tiqu::Extractor> extractor = tiqu::Extractor::Create();
//      if (!extractor.ok()) {
//        // extractor.status().ToString(): for a bad rule file, file:line:column
//        // and the rule id.
//      }
//
//    Your own rule files (text-format tiqu.v1.RuleSet, see the README), on top
//    of the shipped rules or instead of them:
//
//      tiqu::ExtractorOptions options;
//      options.rule_files = {"my_rules.textproto"};
//      options.default_rules = false;
//      auto custom = tiqu::Extractor::Create(options);
//
// 2. Extract the facts of one UTF-8 text:
//
//      tiqu::DocumentOptions doc_options;
//      doc_options.id = "a1";
//      doc_options.reference_date = "2024-01-04";  // optional
//      tiqu::StatusOr<tiqu::v1::Document> doc = extractor->Extract(text, doc_options);
//      for (const tiqu::v1::Fact& fact : doc->facts()) {
//        // fact.type(), fact.text(), fact.span().begin() (code points of `text`),
//        // fact.quantity().value(), ... (proto/tiqu/v1/document.proto)
//      }
//
//    The call fails only on invalid options (a malformed reference_date).
//    Problems with the text itself (invalid UTF-8, too large) never fail it:
//    they are in doc->status(), next to whatever facts could be found.
//
// 3. Or a batch, on all cores; results come back in input order:
//
//      std::vector<tiqu::DocumentInput> inputs = ...;  // {text, DocumentOptions}
//      auto docs = extractor->ExtractBatch(inputs, /*threads=*/0);
//
//    A corpus too large to hold in memory goes through ExtractStream (a
//    reader callback and a writer callback) or ExtractionStream (Push on one
//    thread, Next on another): all cores, input order, bounded memory.
//
// 4. Or serialized bytes (the protobuf wire format of tiqu.v1.Document), for a
//    queue or a reader in another language:
//
//      tiqu::StatusOr<std::string> bytes = extractor->ExtractSerialized(text, doc_options);
//
//    tiqu/io.h writes and reads whole files (.binpb, .binpb.gz, .jsonl).
//
// Errors are status values (tiqu/status.h): no function of tiqu's API throws.
// An Extractor is immutable once created: copy it freely (copies share the
// compiled rules) and call Extract from any number of threads.
//
// ExtractorOptions
//   option               default  meaning
//   default_rules        true     use the rule packs compiled into the library
//   rule_files           {}       extra rule files (text-format tiqu.v1.RuleSet)
//   rule_texts           {}       extra rule sets given as text (name, content)
//   join_broken_lines    true     a single line break between two word
//                                 characters does not stop a match
//   max_document_bytes   1 GiB    larger inputs get status TOO_LARGE, no facts
//   types                {}       only facts of these types; empty: all. Only
//                                 the rules that can yield them run, so a
//                                 narrow selection is faster; the facts are
//                                 those a run of all types finds.
//
// DocumentOptions
//   option               default  meaning
//   id                   ""       copied into Document.id
//   source               ""       copied into Document.source
//   reference_date       ""       YYYY, YYYY-MM or YYYY-MM-DD; resolves relative
//                                 times. Empty: the document's own date line.
//   include_text         false    copy the input text into Document.text
//
// StreamOptions (ExtractStream, ExtractionStream)
//   option                   default  meaning
//   threads                  0        worker threads; 0: all cores
//   max_in_flight_documents  0        documents pushed but not yet taken;
//                                     0: 16 per thread
//   max_in_flight_bytes      32 MiB   their text; one larger document still
//                                     goes through, alone
#ifndef TIQU_TIQU_H_
#define TIQU_TIQU_H_

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "tiqu/numeral.h"
#include "tiqu/status.h"
#include "tiqu/v1/document.pb.h"

namespace tiqu {

class CompiledRules;
struct StreamOptions;

// The library version, "MAJOR.MINOR.PATCH".
const char* Version();

struct ExtractorOptions {
  bool default_rules = true;
  std::vector<std::string> rule_files;
  // (name shown in errors, text-format RuleSet) pairs.
  std::vector<std::pair<std::string, std::string>> rule_texts;
  bool join_broken_lines = true;
  size_t max_document_bytes = size_t{1} << 30;
  std::vector<v1::Fact::Type> types;
};

// "TIME" or "time" -> Fact::TIME; false for a name that is no fact type.
bool ParseFactType(std::string_view name, v1::Fact::Type* type);

struct DocumentOptions {
  std::string id;
  std::string source;
  std::string reference_date;
  bool include_text = false;
};

// One input of a batch.
struct DocumentInput {
  std::string text;
  DocumentOptions options;
};

class Extractor {
 public:
  // Compiles the rules. Fails (StatusCode::kRuleError, with file, line,
  // column and rule id) when a rule file is invalid.
  static StatusOr<Extractor> Create(const ExtractorOptions& options = {});

  // Extracts the facts of one UTF-8 text. Problems with the text itself
  // (invalid UTF-8, too large) are reported in Document.status and never
  // fail the call; only invalid options do (a malformed reference_date).
  StatusOr<v1::Document> Extract(std::string_view text, const DocumentOptions& options = {}) const;

  // Extract, serialized: the wire-format bytes of the tiqu.v1.Document.
  StatusOr<std::string> ExtractSerialized(std::string_view text, const DocumentOptions& options = {}) const;

  // Extracts a batch on `threads` threads (0: all cores). Results are in
  // input order; each document's problems are in its status.
  StatusOr<std::vector<v1::Document>> ExtractBatch(const std::vector<DocumentInput>& inputs,
                                                   int threads = 0) const;

  // Extracts a stream of documents on a pool of threads with bounded memory
  // (see ExtractionStream). `next_input` is called on a reader thread until
  // it returns false; `write` is called on the calling thread, once per
  // input, in input order. Stops early with the first error `write` returns.
  Status ExtractStream(const std::function<bool(DocumentInput*)>& next_input,
                       const std::function<Status(v1::Document&&)>& write, const StreamOptions& options) const;

  // Ids of the loaded rules, in load order.
  std::vector<std::string> RuleIds() const;

  const CompiledRules& rules() const { return *rules_; }

 private:
  explicit Extractor(std::shared_ptr<const CompiledRules> rules, ExtractorOptions options)
      : rules_(std::move(rules)), options_(std::move(options)) {}

  std::shared_ptr<const CompiledRules> rules_;
  ExtractorOptions options_;
};

struct StreamOptions {
  // Worker threads; 0: all cores.
  int threads = 0;
  // Documents pushed but not yet taken by Next (queued, being extracted or
  // done and waiting for their turn); 0: 16 per thread.
  size_t max_in_flight_documents = 0;
  // Bytes of text of those documents. A single document larger than this
  // still goes through, alone.
  size_t max_in_flight_bytes = size_t{32} << 20;
};

// A pipeline that extracts documents on a pool of threads and hands the
// results back in input order. Memory does not grow with the number of
// documents: Push blocks while the in-flight limits of StreamOptions are
// reached, until Next takes results out.
//
//   ExtractionStream stream(extractor, {});
//   // producer thread:
//   for (...) stream.Push(std::move(input));
//   stream.Close();
//   // consumer thread:
//   v1::Document doc;
//   while (stream.Next(&doc)) Write(doc);
//
// Use one producer and one consumer thread (they may be the same thread only
// if it never pushes into a full stream: check CanPush first). A document
// with an invalid reference_date comes back with status READ_ERROR.
// Destroying the stream stops the workers; results not taken are dropped.
class ExtractionStream {
 public:
  explicit ExtractionStream(const Extractor& extractor, const StreamOptions& options = {});
  ~ExtractionStream();
  ExtractionStream(const ExtractionStream&) = delete;
  ExtractionStream& operator=(const ExtractionStream&) = delete;

  // Adds a document; blocks while the stream is full. Ignored after Close.
  void Push(DocumentInput input);
  // True when Push of a document of `bytes` bytes would not block.
  bool CanPush(size_t bytes) const;
  // No more documents will be pushed.
  void Close();
  // The next result in input order; blocks until it is ready. False when the
  // stream is closed and every result has been taken.
  bool Next(v1::Document* doc);

  // Counters for progress reports (safe from any thread).
  size_t documents_pushed() const;
  size_t documents_taken() const;

 private:
  struct State;
  std::unique_ptr<State> state_;
};

// Checks a reference date: YYYY, YYYY-MM or YYYY-MM-DD with a real month/day.
Status ValidateReferenceDate(std::string_view date);

}  // namespace tiqu

#endif  // TIQU_TIQU_H_
