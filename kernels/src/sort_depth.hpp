// The sort's quicksort with a given depth limit, for the tests: 0 is a heapsort, and
// small limits reach the heapsort fallback on partitions of every size.
#pragma once

#include <cstdint>

namespace superopt {

void sortWithDepth(int32_t* first, int32_t* last, int depth);

} // namespace superopt
