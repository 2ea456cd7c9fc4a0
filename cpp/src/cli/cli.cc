#include "cli/cli.h"

#include <google/protobuf/text_format.h>

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <deque>
#include <iostream>
#include <mutex>
#include <thread>
#include <map>
#include <sstream>

#include "cli/inputs.h"
#include "cli/numeral_command.h"
#include "cli/profile_command.h"
#include "cli/progress.h"
#include "rules/compiled_rules.h"
#include "tiqu/io.h"
#include "tiqu/rules.h"
#include "tiqu/tiqu.h"
#include "values/normalizers.h"

namespace tiqu {
namespace {

constexpr char kUsage[] = R"(usage: tiqu <command> [options]

commands:
  extract INPUT... [-o OUT] [--format binpb|jsonl|json] [--rules FILE]...
          [--no-default-rules] [--reference-date YYYY-MM-DD] [--threads N]
          [--types TYPE,...] [--include-text] [--no-progress] [--stats]
      Extract facts, on all cores unless --threads says otherwise (output in
      input order). --types TIME,MONEY keeps only facts of those types and
      runs only the rules that can yield them (faster). A progress bar goes
      to stderr when it is a terminal; --stats prints documents, bytes,
      facts, rule load time and MB/s.
      INPUT is a text file, a directory (every .txt inside), "-" for
      standard input, or a .jsonl file of {"id", "text"} objects.
      OUT defaults to standard output; the format defaults to the one OUT's
      extension names (.binpb, .jsonl, .json), else jsonl; a name ending
      in .gz (facts.binpb.gz) is gzip-compressed.
  cat FILE.binpb             Print a .binpb (or .binpb.gz) file as JSONL; report
                             its record count, or the record where a damaged
                             file stops.
  summary FILE.binpb [--examples N]
                             Facts per type and a few examples of each.
  rules check FILE... [--no-default-rules]
                             Compile rule files and run their examples.
  rules check --builtin      Run the examples of the shipped rules.
  rules list [--rules FILE]...     List the loaded rules.
  rules profile INPUT... [--rules FILE]... [--no-default-rules] [--repeat N]
                             Extract INPUT on one thread and print, per rule and
                             most expensive first: time, sentences scanned,
                             matches, candidates kept by the normalizers, facts
                             in the output; and the prefilter's time. --repeat 3:
                             the least time of 3 passes (for a busy machine).
  rules normalizers          List the value normalizers rule files can use.
  numeral [TEXT]...          Parse each TEXT (or each line of standard input) as a
                             number: one JSON line each, {"text", "value"[, "value_max"]}
                             or {"text", "error"}. 两万三千, 1.5万, 百分之三十五点五, 四五.
  version                    Print the version.

exit codes: 0 success, 1 failure (a rule example, a corrupt file), 2 usage error.
)";

struct Args {
  std::vector<std::string> positional;
  std::map<std::string, std::vector<std::string>> options;  // --name -> values
  bool Has(const std::string& name) const { return options.count(name) > 0; }
  std::string Get(const std::string& name, const std::string& fallback = "") const {
    auto it = options.find(name);
    return it == options.end() || it->second.empty() ? fallback : it->second.back();
  }
};

// Parses options; `with_value` lists those that take a value.
StatusOr<Args> ParseArgs(const std::vector<std::string>& args, size_t from,
                         const std::vector<std::string>& with_value, const std::vector<std::string>& flags) {
  Args out;
  for (size_t i = from; i < args.size(); ++i) {
    std::string a = args[i];
    if (a == "-o") a = "--output";
    if (a.size() > 2 && a.compare(0, 2, "--") == 0) {
      std::string value;
      bool inline_value = false;
      if (size_t eq = a.find('='); eq != std::string::npos) {
        value = a.substr(eq + 1);
        a = a.substr(0, eq);
        inline_value = true;
      }
      if (std::find(with_value.begin(), with_value.end(), a) != with_value.end()) {
        if (!inline_value) {
          if (i + 1 >= args.size()) return InvalidArgumentError(a + " needs a value");
          value = args[++i];
        }
        out.options[a].push_back(value);
      } else if (std::find(flags.begin(), flags.end(), a) != flags.end() && !inline_value) {
        out.options[a];
      } else {
        return InvalidArgumentError("unknown option " + a);
      }
    } else {
      out.positional.push_back(args[i]);
    }
  }
  return out;
}

int UsageError(const std::string& message) {
  std::cerr << "tiqu: " << message << "\n(run 'tiqu --help' for usage)\n";
  return 2;
}

StatusOr<Extractor> MakeExtractor(const Args& args, std::vector<v1::Fact::Type> types = {}) {
  ExtractorOptions options;
  options.default_rules = !args.Has("--no-default-rules");
  if (args.Has("--rules")) options.rule_files = args.options.at("--rules");
  options.types = std::move(types);
  return Extractor::Create(options);
}

// "TIME,money" -> {TIME, MONEY}.
StatusOr<std::vector<v1::Fact::Type>> ParseTypes(const std::string& list) {
  std::vector<v1::Fact::Type> types;
  size_t begin = 0;
  while (begin <= list.size()) {
    size_t comma = std::min(list.find(',', begin), list.size());
    std::string name = list.substr(begin, comma - begin);
    v1::Fact::Type type;
    if (!ParseFactType(name, &type)) {
      std::string known;
      for (int t = 1; t <= v1::Fact::Type_MAX; ++t) {
        if (!v1::Fact::Type_IsValid(t)) continue;
        known += (known.empty() ? "" : ",") + v1::Fact::Type_Name(static_cast<v1::Fact::Type>(t));
      }
      return InvalidArgumentError("--types: unknown fact type '" + name + "' (known: " + known + ")");
    }
    types.push_back(type);
    begin = comma + 1;
  }
  return types;
}

int Extract(const std::vector<std::string>& argv) {
  StatusOr<Args> args = ParseArgs(argv, 1, {"--output", "--format", "--rules", "--reference-date", "--threads", "--types"},
                                  {"--no-default-rules", "--include-text", "--no-progress", "--stats"});
  if (!args.ok()) return UsageError(args.status().message());
  if (args->positional.empty()) return UsageError("extract needs at least one INPUT");
  std::string output = args->Get("--output", "-");
  OutputFormat format = FormatForPath(output);
  if (args->Has("--format")) {
    StatusOr<OutputFormat> f = ParseOutputFormat(args->Get("--format"));
    if (!f.ok()) return UsageError(f.status().message());
    format = *f;
  }
  std::string reference_date = args->Get("--reference-date");
  if (!reference_date.empty()) {
    Status st = ValidateReferenceDate(reference_date);
    if (!st.ok()) return UsageError(st.message());
  }
  int threads = 0;
  if (args->Has("--threads")) {
    try {
      threads = std::stoi(args->Get("--threads"));
    } catch (...) {
      threads = -1;
    }
    if (threads < 0) return UsageError("--threads needs a number >= 0 (0: all cores)");
  }
  std::vector<v1::Fact::Type> types;
  if (args->Has("--types")) {
    StatusOr<std::vector<v1::Fact::Type>> parsed = ParseTypes(args->Get("--types"));
    if (!parsed.ok()) return UsageError(parsed.status().message());
    types = std::move(*parsed);
  }
  StatusOr<std::unique_ptr<InputReader>> inputs = InputReader::Open(args->positional);
  if (!inputs.ok()) return UsageError(inputs.status().message());
  auto load_started = std::chrono::steady_clock::now();
  StatusOr<Extractor> extractor = MakeExtractor(*args, std::move(types));
  if (!extractor.ok()) {
    std::cerr << "tiqu: " << extractor.status().ToString() << "\n";
    return 1;
  }
  double load_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - load_started).count();
  InstallOutputCleanupOnSignals();
  StatusOr<std::unique_ptr<DocumentWriter>> writer = DocumentWriter::Open(output, format);
  if (!writer.ok()) {
    std::cerr << "tiqu: " << writer.status().ToString() << "\n";
    return 1;
  }

  // reader thread -> ExtractionStream (worker pool, bounded) -> this thread
  // writes in input order. What the writer needs besides the result (read
  // errors, input size) travels in a FIFO beside the stream: both are in
  // input order, and the stream's bound also bounds the FIFO.
  struct SideInfo {
    std::string error;
    size_t input_bytes = 0;
  };
  std::mutex side_mu;
  std::deque<SideInfo> side;
  StreamOptions stream_options;
  stream_options.threads = threads;
  ExtractionStream stream(*extractor, stream_options);
  bool include_text = args->Has("--include-text");
  std::atomic<bool> cancelled{false};
  std::thread reader([&] {
    InputDocument in;
    while (!cancelled.load() && (*inputs)->Next(&in)) {
      DocumentInput doc;
      doc.options.id = std::move(in.id);
      doc.options.source = std::move(in.source);
      doc.options.include_text = include_text;
      doc.options.reference_date = reference_date.empty() ? in.reference_date : reference_date;
      if (!doc.options.reference_date.empty()) {
        Status date_ok = ValidateReferenceDate(doc.options.reference_date);
        if (!date_ok.ok()) {
          in.error = "bad reference_date: " + date_ok.message();
          doc.options.reference_date.clear();
        }
      }
      // A document that could not be read is not extracted; it still takes
      // its place in the output order.
      if (in.error.empty()) doc.text = std::move(in.text);
      {
        std::lock_guard<std::mutex> lock(side_mu);
        side.push_back({std::move(in.error), in.input_bytes});
      }
      stream.Push(std::move(doc));
      in = InputDocument();
    }
    stream.Close();
  });

  std::unique_ptr<ProgressBar> progress;
  if (!args->Has("--no-progress") && isatty(STDERR_FILENO)) {
    progress = std::make_unique<ProgressBar>(args->positional);
  }
  auto started = std::chrono::steady_clock::now();
  size_t documents = 0, failed = 0, facts = 0, bytes = 0;
  Status st;
  v1::Document doc;
  while (stream.Next(&doc)) {
    SideInfo info;
    {
      std::lock_guard<std::mutex> lock(side_mu);
      info = std::move(side.front());
      side.pop_front();
    }
    if (!info.error.empty()) {
      std::string id = doc.id(), source = doc.source();
      doc.Clear();
      doc.set_id(id);
      doc.set_source(source);
      doc.mutable_status()->set_code(v1::Status::READ_ERROR);
      doc.mutable_status()->set_message(info.error);
    }
    if (doc.status().code() != v1::Status::OK) ++failed;
    ++documents;
    facts += static_cast<size_t>(doc.facts_size());
    bytes += info.input_bytes;
    st = (*writer)->Write(doc);
    if (!st.ok()) break;
    if (progress) progress->Update(documents, bytes, facts);
  }
  cancelled.store(true);
  stream.Close();
  reader.join();
  if (progress) progress->Finish(documents, bytes, facts);
  if (st.ok()) st = (*writer)->Close();
  if (!st.ok()) {
    std::cerr << "tiqu: " << st.ToString() << "\n";
    return 1;
  }
  if (args->Has("--stats")) {
    double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    std::cerr << "tiqu: stats: documents=" << documents << " bytes=" << bytes << " facts=" << facts
              << " rule_load_seconds=" << load_seconds << " extract_seconds=" << seconds
              << " mb_per_second=" << (seconds > 0 ? bytes / 1e6 / seconds : 0) << "\n";
  }
  if (failed > 0) {
    std::cerr << "tiqu: " << failed << " of " << documents << " document(s) have a non-OK status (see their status)\n";
  }
  return 0;
}

int Cat(const std::vector<std::string>& argv) {
  if (argv.size() != 2) return UsageError("cat takes one FILE");
  StatusOr<std::unique_ptr<DocumentReader>> reader = DocumentReader::Open(argv[1]);
  if (!reader.ok()) {
    std::cerr << "tiqu: " << reader.status().ToString() << "\n";
    return 1;
  }
  v1::Document doc;
  while (true) {
    StatusOr<bool> more = (*reader)->Next(&doc);
    if (!more.ok()) {
      std::cout.flush();
      std::cerr << "tiqu: " << more.status().ToString() << "\n";
      return 1;
    }
    if (!*more) break;
    std::cout << DocumentToJson(doc) << "\n";
  }
  std::cout.flush();
  std::cerr << argv[1] << ": " << (*reader)->records() << " record(s)\n";
  return 0;
}

// A fact's value in a few words: "288 次", "2021-12-31T17:55".
std::string ValueSummary(const v1::Fact& fact) {
  const google::protobuf::Message* value = nullptr;
  const auto* refl = fact.GetReflection();
  const auto* oneof = v1::Fact::descriptor()->FindOneofByName("value");
  if (const auto* field = refl->GetOneofFieldDescriptor(fact, oneof)) value = &refl->GetMessage(fact, field);
  if (value == nullptr) return "";
  std::string text;
  google::protobuf::TextFormat::Printer printer;
  printer.SetSingleLineMode(true);
  printer.SetUseUtf8StringEscaping(true);
  printer.PrintToString(*value, &text);
  while (!text.empty() && text.back() == ' ') text.pop_back();
  return text;
}

int Summary(const std::vector<std::string>& argv) {
  StatusOr<Args> args = ParseArgs(argv, 1, {"--examples"}, {});
  if (!args.ok()) return UsageError(args.status().message());
  if (args->positional.size() != 1) return UsageError("summary takes one FILE");
  int examples = std::atoi(args->Get("--examples", "3").c_str());
  StatusOr<std::unique_ptr<DocumentReader>> reader = DocumentReader::Open(args->positional[0]);
  if (!reader.ok()) {
    std::cerr << "tiqu: " << reader.status().ToString() << "\n";
    return 1;
  }
  std::map<std::string, size_t> counts;
  std::map<std::string, std::vector<std::string>> shown;
  std::map<std::string, size_t> statuses;
  size_t documents = 0, facts = 0;
  v1::Document doc;
  while (true) {
    StatusOr<bool> more = (*reader)->Next(&doc);
    if (!more.ok()) {
      std::cerr << "tiqu: " << more.status().ToString() << "\n";
      return 1;
    }
    if (!*more) break;
    ++documents;
    statuses[v1::Status::Code_Name(doc.status().code())]++;
    for (const v1::Fact& f : doc.facts()) {
      std::string type = f.type() == v1::Fact::CUSTOM ? "CUSTOM:" + f.custom_type() : v1::Fact::Type_Name(f.type());
      ++counts[type];
      ++facts;
      auto& list = shown[type];
      if (static_cast<int>(list.size()) < examples) {
        list.push_back("\"" + f.text() + "\"  ->  " + ValueSummary(f) + "   [" + doc.id() + ", " + f.rule() + "]");
      }
    }
  }
  std::cout << documents << " document(s), " << facts << " fact(s); status:";
  for (const auto& [code, n] : statuses) std::cout << " " << code << "=" << n;
  std::cout << "\n\n";
  std::vector<std::pair<std::string, size_t>> by_count(counts.begin(), counts.end());
  std::sort(by_count.begin(), by_count.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
  for (const auto& [type, n] : by_count) {
    std::cout << type << "  " << n << "\n";
    for (const std::string& line : shown[type]) std::cout << "    " << line << "\n";
  }
  return 0;
}

int Rules(const std::vector<std::string>& argv) {
  if (argv.size() < 2) return UsageError("rules needs a subcommand: check, list, profile, normalizers");
  const std::string& sub = argv[1];
  StatusOr<Args> args = ParseArgs(argv, 2, {"--rules", "--repeat"}, {"--no-default-rules", "--builtin"});
  if (!args.ok()) return UsageError(args.status().message());
  if (sub == "check") {
    bool builtin = args->Has("--builtin");
    if (args->positional.empty() && !builtin) return UsageError("rules check needs FILE... or --builtin");
    ExtractorOptions options;
    options.default_rules = builtin || !args->Has("--no-default-rules");
    RuleCheckReport report;
    Status st;
    if (builtin) {
      StatusOr<Extractor> extractor = Extractor::Create(options);
      st = extractor.status();
      if (st.ok()) report = RunRuleExamples(*extractor);
    } else {
      st = CheckRuleFiles(args->positional, options, &report);
    }
    if (!st.ok()) {
      std::cerr << st.ToString() << "\n";
      return 1;
    }
    for (const ExampleFailure& f : report.failures) {
      std::cerr << f.location.file << ":" << f.location.line << ":" << f.location.column << ": rule '" << f.rule_id
                << "': example \"" << f.example << "\": " << f.reason << "\n";
    }
    std::cout << report.rules << " rule(s), " << report.examples << " example(s), " << report.negatives
              << " negative example(s): " << (report.ok() ? "all pass" : std::to_string(report.failures.size()) + " failed")
              << "\n";
    return report.ok() ? 0 : 1;
  }
  if (sub == "profile") {
    if (args->positional.empty()) return UsageError("rules profile needs at least one INPUT");
    if (args->Has("--builtin")) return UsageError("rules profile: --builtin is for rules check");
    int passes = 1;
    if (args->Has("--repeat")) {
      try {
        passes = std::stoi(args->Get("--repeat"));
      } catch (...) {
        passes = 0;
      }
      if (passes < 1) return UsageError("--repeat needs a number >= 1");
    }
    std::vector<std::string> rule_files;
    if (args->Has("--rules")) rule_files = args->options.at("--rules");
    return RunRulesProfile(rule_files, !args->Has("--no-default-rules"), args->positional, passes, std::cout,
                           std::cerr);
  }
  if (sub == "list") {
    StatusOr<Extractor> extractor = MakeExtractor(*args);
    if (!extractor.ok()) {
      std::cerr << extractor.status().ToString() << "\n";
      return 1;
    }
    for (const auto& rule : extractor->rules().rules()) {
      std::string type = rule->proto.metadata() ? "METADATA" : v1::Fact::Type_Name(rule->proto.type());
      std::cout << rule->proto.id() << "\t" << type << "\t" << rule->location.file << ":" << rule->location.line
                << "\n";
    }
    return 0;
  }
  if (sub == "normalizers") {
    for (const auto& [name, info] : NormalizerRegistry::Get().all()) {
      std::cout << name << "\t" << info.description << "\n";
    }
    return 0;
  }
  return UsageError("unknown rules subcommand '" + sub + "'");
}

}  // namespace

int RunCli(const std::vector<std::string>& args) {
  if (args.empty() || args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
    (args.empty() ? std::cerr : std::cout) << kUsage;
    return args.empty() ? 2 : 0;
  }
  const std::string& command = args[0];
  if (command == "extract") return Extract(args);
  if (command == "cat") return Cat(args);
  if (command == "summary") return Summary(args);
  if (command == "rules") return Rules(args);
  if (command == "numeral") return RunNumeralCommand(args, std::cin, std::cout);
  if (command == "version" || command == "--version") {
    std::cout << "tiqu " << Version() << "\n";
    return 0;
  }
  return UsageError("unknown command '" + command + "'");
}

}  // namespace tiqu
