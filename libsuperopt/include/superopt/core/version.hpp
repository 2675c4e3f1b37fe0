// The library's version, written into every result file.
#pragma once

namespace superopt {

inline constexpr const char* kVersion = "0.2.0";

} // namespace superopt
