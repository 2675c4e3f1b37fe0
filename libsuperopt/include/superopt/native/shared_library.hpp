// Functions compiled elsewhere (a C compiler at -O3, say), loaded from a shared object
// so that they can be measured beside the JIT's: `superopt bench --target ... --compiled
// f.so`. Nothing checks what such code computes; callers compare it with the target.
#pragma once

#include "superopt/native/jit.hpp"

#include <memory>
#include <string>

namespace superopt {

class SharedLibrary {
  public:
    // Loads the file (a path; "./f.so" for the current directory). Throws
    // std::runtime_error ("PATH: why") when it cannot.
    explicit SharedLibrary(const std::string& path);
    // The function `symbol`, called as a target function. Throws std::runtime_error
    // when the library has no such symbol.
    TargetFn function(const std::string& symbol) const;

  private:
    std::string path_;
    std::shared_ptr<void> handle_;
};

} // namespace superopt
