# Finds Z3 (Debian's libz3-dev ships no CMake package): the imported target Z3::libz3.
find_path(Z3_INCLUDE_DIR z3++.h)
find_library(Z3_LIBRARY NAMES z3)
include(FindPackageHandleStandardArgs)
find_package_handle_standard_args(Z3 REQUIRED_VARS Z3_LIBRARY Z3_INCLUDE_DIR)
if(Z3_FOUND AND NOT TARGET Z3::libz3)
  add_library(Z3::libz3 UNKNOWN IMPORTED)
  set_target_properties(Z3::libz3 PROPERTIES IMPORTED_LOCATION ${Z3_LIBRARY}
    INTERFACE_INCLUDE_DIRECTORIES ${Z3_INCLUDE_DIR})
endif()
