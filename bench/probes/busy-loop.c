// A busy loop that touches PAGES random bytes of a WORKING_SET per iteration and reports the gaps
// between iterations over 0.2 ms: whether this guest stops a vCPU that never sleeps (BENCHMARKS.md,
// "Transparent huge pages for the JVM"). Build: gcc -O2 -o busy-loop busy-loop.c
// Usage: busy-loop WORKING_SET_BYTES HUGE(0|1) PAGES SECONDS [list]
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/mman.h>
#include <stdint.h>
static inline uint64_t ns(void){struct timespec t;clock_gettime(CLOCK_MONOTONIC,&t);return t.tv_sec*1000000000ull+t.tv_nsec;}
int main(int argc,char**argv){
  size_t ws=strtoull(argv[1],0,0); int huge=atoi(argv[2]); int per=atoi(argv[3]); double secs=atof(argv[4]);
  char*b=mmap(0,ws,PROT_READ|PROT_WRITE,MAP_PRIVATE|MAP_ANONYMOUS,-1,0);
  if(huge) madvise(b,ws,MADV_HUGEPAGE); else madvise(b,ws,MADV_NOHUGEPAGE);
  memset(b,1,ws);
  size_t np=ws/4096; uint64_t x=88172645463325252ull;
  uint64_t start=ns(), last=start, end=start+(uint64_t)(secs*1e9);
  long gaps=0, gaps1=0; uint64_t maxg=0; long iters=0;
  static uint64_t at[100000]; static uint32_t len[100000];
  while(1){
    for(int i=0;i<per;i++){x^=x<<13;x^=x>>7;x^=x<<17; b[(x%np)*4096+(x>>50)%4096]++;}
    uint64_t t=ns(); uint64_t g=t-last; last=t; iters++;
    if(g>200000){ if(gaps<100000){at[gaps]=t-start;len[gaps]=g;} gaps++; if(g>1000000)gaps1++;}
    if(g>maxg)maxg=g;
    if(t>end)break;
  }
  printf("ws=%zu huge=%d per=%d iters=%ld gaps>0.2ms=%ld gaps>1ms=%ld max=%.3fms\n",ws,huge,per,iters,gaps,gaps1,maxg/1e6);
  if(argc>5) for(long i=0;i<gaps&&i<100000;i++) printf("%.6f %.3f\n",at[i]/1e9,len[i]/1e6);
  return 0;
}
