/* Sorting kernels in C, the way people write them: branchless compare-exchanges
   (sorting networks) and a variable-length sort with early returns. The tests compile
   them with gcc and clang at pinned flags (tests/compiler_output_test.sh): the assembly
   must stay in superopt's instruction set, and `superopt verify` must find each correct.
   The contract is superopt's: sortN sorts p[0..N-1]; varsortN sorts p[1..p[0]]. */
#define SWAP(a, b)                                                                       \
    {                                                                                    \
        int lo = a < b ? a : b;                                                          \
        int hi = a < b ? b : a;                                                          \
        a = lo;                                                                          \
        b = hi;                                                                          \
    }

void sort3_c(int *p) {
    int a = p[0], b = p[1], c = p[2];
    SWAP(a, c) SWAP(a, b) SWAP(b, c)
    p[0] = a, p[1] = b, p[2] = c;
}

void sort4_c(int *p) {
    int a = p[0], b = p[1], c = p[2], d = p[3];
    SWAP(a, c) SWAP(b, d) SWAP(a, b) SWAP(c, d) SWAP(b, c)
    p[0] = a, p[1] = b, p[2] = c, p[3] = d;
}

void sort5_c(int *p) {
    int a = p[0], b = p[1], c = p[2], d = p[3], e = p[4];
    SWAP(a, d) SWAP(b, e) SWAP(a, c) SWAP(b, d) SWAP(a, b) SWAP(c, e) SWAP(b, c) SWAP(d, e)
    SWAP(c, d)
    p[0] = a, p[1] = b, p[2] = c, p[3] = d, p[4] = e;
}

void varsort3_c(int *p) {
    int n = p[0];
    if (n < 2) return;
    int a = p[1], b = p[2];
    SWAP(a, b)
    if (n == 2) {
        p[1] = a, p[2] = b;
        return;
    }
    int c = p[3];
    SWAP(b, c) SWAP(a, b)
    p[1] = a, p[2] = b, p[3] = c;
}
