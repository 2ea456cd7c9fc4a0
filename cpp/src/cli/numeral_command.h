// `tiqu numeral`: the numeral parser on the command line, for scripts and
// for checking how a number is read.
#ifndef TIQU_CLI_NUMERAL_COMMAND_H_
#define TIQU_CLI_NUMERAL_COMMAND_H_

#include <iosfwd>
#include <string>
#include <vector>

namespace tiqu {

// argv[0] is "numeral"; the texts are argv[1..], or the lines of `in` when
// there are none. Prints one JSON object a line to `out`: {"text", "value"
// [, "value_max"]} or {"text", "error"}. Returns 0 when every text is a
// number, 1 otherwise.
int RunNumeralCommand(const std::vector<std::string>& argv, std::istream& in, std::ostream& out);

}  // namespace tiqu

#endif  // TIQU_CLI_NUMERAL_COMMAND_H_
