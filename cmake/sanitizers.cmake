# Sanitizer and fuzzing builds (see the Makefile's test-asan, test-tsan, fuzz).
#
#   -DTIQU_SANITIZE=address,undefined   ASan + UBSan; any report aborts the process
#   -DTIQU_SANITIZE=thread              TSan
#   -DTIQU_BUILD_FUZZERS=ON             libFuzzer targets in tests/fuzz (clang only)
#
# The flags apply to everything built here; the Debian libraries (RE2, ICU,
# protobuf) stay uninstrumented, so reports point at tiqu's own code.
set(TIQU_SANITIZE "" CACHE STRING "Sanitizers to build with, e.g. address,undefined or thread")
option(TIQU_BUILD_FUZZERS "Build the libFuzzer targets of tests/fuzz (needs clang)" OFF)

if(TIQU_SANITIZE)
  add_compile_options(-fsanitize=${TIQU_SANITIZE} -fno-omit-frame-pointer)
  add_link_options(-fsanitize=${TIQU_SANITIZE})
  if(TIQU_SANITIZE MATCHES "undefined")
    # A UBSan report is a failure, not a warning.
    add_compile_options(-fno-sanitize-recover=undefined)
  endif()
endif()

if(TIQU_BUILD_FUZZERS)
  if(NOT CMAKE_CXX_COMPILER_ID MATCHES "Clang")
    message(FATAL_ERROR "TIQU_BUILD_FUZZERS needs clang (CXX=clang++)")
  endif()
  # Coverage instrumentation for the library; only the fuzz targets link
  # libFuzzer's main, so the unit tests of the same build still run normally.
  add_compile_options(-fsanitize=fuzzer-no-link)
endif()
