// Runs fn(i) for every i in [0, count) on `threads` threads (0: one per
// core), the calling thread included; items are handed out one at a time, so
// uneven documents balance. Returns when all are done.
#ifndef TIQU_COMMON_PARALLEL_FOR_H_
#define TIQU_COMMON_PARALLEL_FOR_H_

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <thread>
#include <vector>

namespace tiqu {

template <typename Fn>
void ParallelFor(size_t count, int threads, Fn fn) {
  size_t n = threads > 0 ? static_cast<size_t>(threads) : std::max(1u, std::thread::hardware_concurrency());
  n = std::min(n, count);
  std::atomic<size_t> next{0};
  auto work = [&] {
    for (size_t i; (i = next.fetch_add(1)) < count;) fn(i);
  };
  std::vector<std::thread> pool;
  for (size_t t = 1; t < n; ++t) pool.emplace_back(work);
  work();
  for (std::thread& t : pool) t.join();
}

}  // namespace tiqu

#endif  // TIQU_COMMON_PARALLEL_FOR_H_
