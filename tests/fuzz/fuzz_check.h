// What a fuzz target does when an invariant breaks: print why and abort, so
// that libFuzzer saves the input as a crash artifact.
#ifndef TIQU_TESTS_FUZZ_FUZZ_CHECK_H_
#define TIQU_TESTS_FUZZ_FUZZ_CHECK_H_

#include <cstdio>
#include <cstdlib>

#define FUZZ_CHECK(condition, ...)                                        \
  do {                                                                    \
    if (!(condition)) {                                                   \
      std::fprintf(stderr, "%s:%d: check failed: %s: ", __FILE__, __LINE__, #condition); \
      std::fprintf(stderr, __VA_ARGS__);                                  \
      std::fprintf(stderr, "\n");                                         \
      std::abort();                                                       \
    }                                                                     \
  } while (0)

#endif  // TIQU_TESTS_FUZZ_FUZZ_CHECK_H_
