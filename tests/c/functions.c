/* Loop-free integer functions for the target tests: Hacker's Delight-style bit tricks,
   division, 64-bit arithmetic, narrow types, branches that compilers turn into setcc,
   cmov or jumps. Each is read from the compiler's assembly by `superopt run` and must
   give what the compiled C gives. */
#include <limits.h>

int p01(int x) { return x & (x - 1); }
int p02(int x) { return x & (x + 1); }
unsigned p03(unsigned x) { return x & -x; }
int p06(int x) { return ~x & (x + 1); }
int p09(int x) { return (x ^ (x >> 31)) - (x >> 31); }
int p10(unsigned x, unsigned y) { return (x & y) > (x ^ y); }
int p13(int x) { return (x >> 31) | (int)((unsigned)-x >> 31); }
unsigned p14(unsigned x, unsigned y) { return (x & y) + ((x ^ y) >> 1); }
int p16(int x, int y) { return x ^ ((x ^ y) & -(x < y)); }
unsigned popc(unsigned x) {
    x = x - ((x >> 1) & 0x55555555);
    x = (x & 0x33333333) + ((x >> 2) & 0x33333333);
    x = (x + (x >> 4)) & 0x0f0f0f0f;
    return (x * 0x01010101) >> 24;
}
unsigned parity(unsigned x) {
    x ^= x >> 16;
    x ^= x >> 8;
    return !__builtin_parity(x & 0xff);
}
int divs(int a, int b) { return b == 0 || (a == INT_MIN && b == -1) ? 0 : a / b; }
unsigned long mod64(unsigned long a, unsigned long b) { return b ? a % b : a; }
long mul64(long a, long b) { return a * b + (a >> 3); }
unsigned satadd(unsigned a, unsigned b) {
    unsigned s = a + b;
    return s < a ? UINT_MAX : s;
}
int bytes(int x) { return (signed char)x + (short)(x >> 8) + (unsigned char)(x >> 24); }
unsigned rot(unsigned x, int n) { return (x << (n & 31)) | (x >> ((32 - n) & 31)); }
int clamp(int x, int lo, int hi) { return x < lo ? lo : x > hi ? hi : x; }
long avg64(long a, long b) { return (a & b) + ((a ^ b) >> 1); }
int sel3(int a, int b, int c) { return a < b ? c * 5 : a - 3 * b; }
