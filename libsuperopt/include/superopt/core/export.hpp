// The exported kernel, the contract with users (README, The command-line tool):
// `void SYMBOL(int32_t* buf)`, System V x86-64, buf in %rdi, as a GNU-as file that
// `gcc -c` assembles. Callee-saved registers the program uses are saved and
// restored; the code is aligned to 64 bytes; it ends in `ret`.
#pragma once

#include "superopt/core/program.hpp"

#include <string>

namespace superopt {

// `comment` (one line, may be empty) is written at the top of the file.
std::string exportKernel(const Program& p, const std::string& symbol,
                         const std::string& comment = "");

} // namespace superopt
