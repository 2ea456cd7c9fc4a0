// The `tiqu` command line, as a library function so that the compiled binary
// and the Python package's `tiqu` command run the same code.
#ifndef TIQU_CLI_CLI_H_
#define TIQU_CLI_CLI_H_

#include <string>
#include <vector>

namespace tiqu {

// Runs `tiqu args...` (args excludes the program name) with the process's
// standard streams; returns the exit code.
int RunCli(const std::vector<std::string>& args);

}  // namespace tiqu

#endif  // TIQU_CLI_CLI_H_
