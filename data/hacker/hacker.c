/* The Hacker's Delight programs p01..p25 of Gulwani, Jha, Tiwari and Venkatesan,
   "Synthesis of Loop-free Programs" (PLDI 2011), the suite STOKE's examples/hacker
   runs: each written here in C from the paper's definition (32-bit words, its signed
   and unsigned operations as it gives them). The targets are these at gcc -O0; gcc -O3
   gives the compiler's answer. suite.json lists the functions with their signatures. */

/* p01: turn off the rightmost 1-bit. */
int p01(int x) { return x & (x - 1); }
/* p02: test whether an unsigned integer is of the form 2^n - 1. */
int p02(int x) { return x & (x + 1); }
/* p03: isolate the rightmost 1-bit. */
int p03(int x) { return x & -x; }
/* p04: a mask of the rightmost 1-bit and the trailing 0s. */
int p04(int x) { return x ^ (x - 1); }
/* p05: right-propagate the rightmost 1-bit. */
int p05(int x) { return x | (x - 1); }
/* p06: turn on the rightmost 0-bit. */
int p06(int x) { return x | (x + 1); }
/* p07: isolate the rightmost 0-bit. */
int p07(int x) { return ~x & (x + 1); }
/* p08: a mask of the trailing 0s. */
int p08(int x) { return ~x & (x - 1); }
/* p09: absolute value. */
int p09(int x) {
    int o1 = x >> 31;
    return (x ^ o1) - o1;
}
/* p10: whether nlz(x) == nlz(y) (nlz: the number of leading zeros). */
int p10(unsigned x, unsigned y) { return (x ^ y) <= (x & y); }
/* p11: whether nlz(x) < nlz(y). */
int p11(unsigned x, unsigned y) { return (x & ~y) > y; }
/* p12: whether nlz(x) <= nlz(y). */
int p12(unsigned x, unsigned y) { return (y & ~x) <= x; }
/* p13: the sign function. */
int p13(int x) { return (x >> 31) | (int)((unsigned)-x >> 31); }
/* p14: the floor of the average of two integers, without overflow. */
unsigned p14(unsigned x, unsigned y) { return (x & y) + ((x ^ y) >> 1); }
/* p15: the ceiling of the average of two integers, without overflow. */
unsigned p15(unsigned x, unsigned y) { return (x | y) - ((x ^ y) >> 1); }
/* p16: the maximum of two integers (the paper's comparison is unsigned). */
unsigned p16(unsigned x, unsigned y) { return ((x ^ y) & -(unsigned)(x >= y)) ^ y; }
/* p17: turn off the rightmost contiguous string of 1-bits. */
int p17(int x) { return ((x | (x - 1)) + 1) & x; }
/* p18: whether x is a power of 2. */
int p18(unsigned x) { return ((x & (x - 1)) == 0) & (x != 0); }
/* p19: exchange two bit fields of x: the bits of mask k with those m places to their
   left. */
unsigned p19(unsigned x, unsigned m, unsigned k) {
    unsigned t = ((x >> (m & 31)) ^ x) & k;
    return (t << (m & 31)) ^ t ^ x;
}
/* p20: the next higher unsigned number with as many 1-bits (0 for x = 0). */
unsigned p20(unsigned x) {
    unsigned smallest = x & -x;
    unsigned ripple = x + smallest;
    unsigned ones = x ^ ripple;
    return smallest ? ((ones >> 2) / smallest) | ripple : 0;
}
/* p21: cycle through three values: a -> b -> c -> a (x is one of them). */
int p21(int x, int a, int b, int c) {
    return ((-(x == c)) & (a ^ c)) ^ ((-(x == a)) & (b ^ c)) ^ c;
}
/* p22: the parity of x. */
unsigned p22(unsigned x) {
    unsigned y = x ^ (x >> 1);
    y ^= y >> 2;
    y = (y & 0x11111111) * 0x11111111;
    return (y >> 28) & 1;
}
/* p23: the number of 1-bits (population count). */
unsigned p23(unsigned x) {
    x = x - ((x >> 1) & 0x55555555);
    x = (x & 0x33333333) + ((x >> 2) & 0x33333333);
    x = (x + (x >> 4)) & 0x0f0f0f0f;
    x = x + (x >> 8);
    x = x + (x >> 16);
    return x & 0x3f;
}
/* p24: round up to the next power of 2. */
unsigned p24(unsigned x) {
    x = x - 1;
    x |= x >> 1;
    x |= x >> 2;
    x |= x >> 4;
    x |= x >> 8;
    x |= x >> 16;
    return x + 1;
}
/* p25: the high half of the 64-bit product of two unsigned words, from 16-bit halves. */
unsigned p25(unsigned x, unsigned y) {
    unsigned x0 = x & 0xffff, x1 = x >> 16, y0 = y & 0xffff, y1 = y >> 16;
    unsigned t = x1 * y0 + ((x0 * y0) >> 16);
    unsigned w1 = (t & 0xffff) + x0 * y1;
    return x1 * y1 + (t >> 16) + (w1 >> 16);
}
