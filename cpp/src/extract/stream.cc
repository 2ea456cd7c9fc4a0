// ExtractionStream: a bounded pipeline of documents through a pool of worker
// threads, results handed back in input order.
//
// All queues live under one mutex. Documents are kilobytes and take about a
// millisecond each to extract, so a lock per document costs nothing
// measurable, and one lock keeps the bookkeeping of the in-flight limits
// simple and obviously right.
#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <optional>
#include <thread>

#include "tiqu/tiqu.h"

namespace tiqu {

struct ExtractionStream::State {
  State(const Extractor& e, const StreamOptions& o) : extractor(e), options(o) {}

  Extractor extractor;  // a copy sharing the compiled rules
  StreamOptions options;
  size_t max_documents = 0;

  mutable std::mutex mu;
  std::condition_variable work_ready;   // workers wait for queued documents
  std::condition_variable result_ready; // Next waits for its turn
  std::condition_variable has_room;     // Push waits for room
  // Documents waiting for a worker, with their sequence numbers.
  std::deque<std::pair<size_t, DocumentInput>> queued;
  // Results by sequence number, from next_out on; empty until done.
  std::deque<std::optional<v1::Document>> results;
  // Text bytes of each in-flight document, from next_out on.
  std::deque<size_t> sizes;
  size_t next_in = 0;   // sequence number of the next pushed document
  size_t next_out = 0;  // sequence number Next returns next
  size_t in_flight_bytes = 0;
  bool closed = false;
  bool stopping = false;
  std::vector<std::thread> workers;

  bool Full(size_t bytes) const {
    size_t in_flight = next_in - next_out;
    if (in_flight == 0) return false;  // a document larger than the limit goes alone
    return in_flight >= max_documents || in_flight_bytes + bytes > options.max_in_flight_bytes;
  }

  void Work() {
    std::unique_lock<std::mutex> lock(mu);
    while (true) {
      work_ready.wait(lock, [&] { return stopping || !queued.empty() || closed; });
      if (stopping || (queued.empty() && closed)) return;
      auto [seq, input] = std::move(queued.front());
      queued.pop_front();
      lock.unlock();
      v1::Document doc = ExtractOne(input);
      input = DocumentInput();  // free the text before taking the lock
      lock.lock();
      if (seq < next_out) continue;  // cannot happen; defensive against misuse
      results[seq - next_out] = std::move(doc);
      if (seq == next_out) result_ready.notify_all();
    }
  }

  v1::Document ExtractOne(const DocumentInput& input) const {
    StatusOr<v1::Document> doc = extractor.Extract(input.text, input.options);
    if (doc.ok()) return std::move(*doc);
    // The only failure Extract reports is an invalid option: a problem of
    // this document's input, so it gets a status like any other.
    v1::Document failed;
    failed.set_id(input.options.id);
    failed.set_source(input.options.source);
    failed.mutable_status()->set_code(v1::Status::READ_ERROR);
    failed.mutable_status()->set_message(doc.status().message());
    return failed;
  }
};

ExtractionStream::ExtractionStream(const Extractor& extractor, const StreamOptions& options)
    : state_(std::make_unique<State>(extractor, options)) {
  int threads = options.threads > 0 ? options.threads
                                    : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  state_->max_documents =
      options.max_in_flight_documents > 0 ? options.max_in_flight_documents : static_cast<size_t>(16 * threads);
  for (int i = 0; i < threads; ++i) state_->workers.emplace_back([s = state_.get()] { s->Work(); });
}

ExtractionStream::~ExtractionStream() {
  {
    std::lock_guard<std::mutex> lock(state_->mu);
    state_->stopping = true;
  }
  state_->work_ready.notify_all();
  state_->has_room.notify_all();
  state_->result_ready.notify_all();
  for (std::thread& t : state_->workers) t.join();
}

void ExtractionStream::Push(DocumentInput input) {
  State& s = *state_;
  size_t bytes = input.text.size();
  {
    std::unique_lock<std::mutex> lock(s.mu);
    s.has_room.wait(lock, [&] { return s.stopping || s.closed || !s.Full(bytes); });
    if (s.stopping || s.closed) return;
    s.queued.emplace_back(s.next_in++, std::move(input));
    s.results.emplace_back();
    s.sizes.push_back(bytes);
    s.in_flight_bytes += bytes;
  }
  s.work_ready.notify_one();
}

bool ExtractionStream::CanPush(size_t bytes) const {
  std::lock_guard<std::mutex> lock(state_->mu);
  return !state_->Full(bytes);
}

void ExtractionStream::Close() {
  {
    std::lock_guard<std::mutex> lock(state_->mu);
    state_->closed = true;
  }
  state_->work_ready.notify_all();
  state_->result_ready.notify_all();
  state_->has_room.notify_all();
}

bool ExtractionStream::Next(v1::Document* doc) {
  State& s = *state_;
  std::unique_lock<std::mutex> lock(s.mu);
  s.result_ready.wait(lock, [&] {
    return s.stopping || (!s.results.empty() && s.results.front().has_value()) || (s.closed && s.results.empty());
  });
  if (s.stopping || s.results.empty()) return false;
  *doc = std::move(*s.results.front());
  s.results.pop_front();
  s.in_flight_bytes -= s.sizes.front();
  s.sizes.pop_front();
  ++s.next_out;
  lock.unlock();
  s.has_room.notify_all();
  return true;
}

size_t ExtractionStream::documents_pushed() const {
  std::lock_guard<std::mutex> lock(state_->mu);
  return state_->next_in;
}

size_t ExtractionStream::documents_taken() const {
  std::lock_guard<std::mutex> lock(state_->mu);
  return state_->next_out;
}

Status Extractor::ExtractStream(const std::function<bool(DocumentInput*)>& next_input,
                                const std::function<Status(v1::Document&&)>& write,
                                const StreamOptions& options) const {
  ExtractionStream stream(*this, options);
  std::atomic<bool> cancelled{false};
  std::thread reader([&] {
    DocumentInput input;
    while (!cancelled.load() && next_input(&input)) {
      stream.Push(std::move(input));
      input = DocumentInput();
    }
    stream.Close();
  });
  Status status;
  v1::Document doc;
  while (stream.Next(&doc)) {
    status = write(std::move(doc));
    if (!status.ok()) break;
  }
  // On an error the reader may be blocked in Push: closing releases it, and
  // it stops before asking for another input.
  cancelled.store(true);
  stream.Close();
  reader.join();
  return status;
}

}  // namespace tiqu
