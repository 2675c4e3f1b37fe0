/* Runs one function of functions.c natively: functions_driver NAME ARG... prints the
   result as its signature types it (the target tests compare it with superopt run). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int p01(int);
int p02(int);
unsigned p03(unsigned);
int p06(int);
int p09(int);
int p10(unsigned, unsigned);
int p13(int);
unsigned p14(unsigned, unsigned);
int p16(int, int);
unsigned popc(unsigned);
unsigned parity(unsigned);
int divs(int, int);
unsigned long mod64(unsigned long, unsigned long);
long mul64(long, long);
unsigned satadd(unsigned, unsigned);
int bytes(int);
unsigned rot(unsigned, int);
int clamp(int, int, int);
long avg64(long, long);
int sel3(int, int, int);

int main(int argc, char** argv) {
    long long a[3] = {0, 0, 0};
    for (int i = 2; i < argc && i < 5; ++i) a[i - 2] = (long long)strtoull(argv[i], 0, 0);
    const char* f = argv[1];
    if (!strcmp(f, "p01")) { printf("%d\n", p01((int)a[0])); return 0; }
    if (!strcmp(f, "p02")) { printf("%d\n", p02((int)a[0])); return 0; }
    if (!strcmp(f, "p03")) { printf("%u\n", p03((unsigned)a[0])); return 0; }
    if (!strcmp(f, "p06")) { printf("%d\n", p06((int)a[0])); return 0; }
    if (!strcmp(f, "p09")) { printf("%d\n", p09((int)a[0])); return 0; }
    if (!strcmp(f, "p10")) { printf("%d\n", p10((unsigned)a[0], (unsigned)a[1])); return 0; }
    if (!strcmp(f, "p13")) { printf("%d\n", p13((int)a[0])); return 0; }
    if (!strcmp(f, "p14")) { printf("%u\n", p14((unsigned)a[0], (unsigned)a[1])); return 0; }
    if (!strcmp(f, "p16")) { printf("%d\n", p16((int)a[0], (int)a[1])); return 0; }
    if (!strcmp(f, "popc")) { printf("%u\n", popc((unsigned)a[0])); return 0; }
    if (!strcmp(f, "parity")) { printf("%u\n", parity((unsigned)a[0])); return 0; }
    if (!strcmp(f, "divs")) { printf("%d\n", divs((int)a[0], (int)a[1])); return 0; }
    if (!strcmp(f, "mod64")) { printf("%lu\n", mod64((unsigned long)a[0], (unsigned long)a[1])); return 0; }
    if (!strcmp(f, "mul64")) { printf("%ld\n", mul64((long)a[0], (long)a[1])); return 0; }
    if (!strcmp(f, "satadd")) { printf("%u\n", satadd((unsigned)a[0], (unsigned)a[1])); return 0; }
    if (!strcmp(f, "bytes")) { printf("%d\n", bytes((int)a[0])); return 0; }
    if (!strcmp(f, "rot")) { printf("%u\n", rot((unsigned)a[0], (int)a[1])); return 0; }
    if (!strcmp(f, "clamp")) { printf("%d\n", clamp((int)a[0], (int)a[1], (int)a[2])); return 0; }
    if (!strcmp(f, "avg64")) { printf("%ld\n", avg64((long)a[0], (long)a[1])); return 0; }
    if (!strcmp(f, "sel3")) { printf("%d\n", sel3((int)a[0], (int)a[1], (int)a[2])); return 0; }
    fprintf(stderr, "unknown function %s\n", f);
    return 2;
}
