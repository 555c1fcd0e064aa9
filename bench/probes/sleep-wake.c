// Sleeps SLEEP_US, then runs a fixed piece of work (PAGES random pages of a WORKING_SET touched, SPIN
// multiply-adds) and times it, N times, as a data-plane worker sleeps and wakes: whether this guest
// stops a vCPU inside such a run (BENCHMARKS.md, "Transparent huge pages for the JVM").
// Build: gcc -O2 -o sleep-wake sleep-wake.c
// Usage: sleep-wake WORKING_SET_BYTES HUGE(0|1) PAGES N SLEEP_US SPIN [list]
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/mman.h>
#include <stdint.h>
static inline uint64_t ns(void){struct timespec t;clock_gettime(CLOCK_MONOTONIC,&t);return t.tv_sec*1000000000ull+t.tv_nsec;}
static int cmp(const void*a,const void*b){uint64_t x=*(uint64_t*)a,y=*(uint64_t*)b;return x<y?-1:x>y;}
int main(int argc,char**argv){
  size_t ws=strtoull(argv[1],0,0); int huge=atoi(argv[2]); int per=atoi(argv[3]); int n=atoi(argv[4]); int sleep_us=atoi(argv[5]); int spin=atoi(argv[6]);
  char*b=mmap(0,ws,PROT_READ|PROT_WRITE,MAP_PRIVATE|MAP_ANONYMOUS,-1,0);
  madvise(b,ws,huge?MADV_HUGEPAGE:MADV_NOHUGEPAGE); memset(b,1,ws);
  size_t np=ws/4096; uint64_t x=88172645463325252ull; volatile uint64_t sink=0;
  uint64_t *d=malloc(n*8); uint64_t start=ns(); int slow=0;
  for(int k=0;k<n;k++){
    struct timespec s={0,sleep_us*1000L}; nanosleep(&s,0);
    uint64_t t0=ns();
    for(int i=0;i<per;i++){x^=x<<13;x^=x>>7;x^=x<<17; b[(x%np)*4096+(x>>50)%4096]++;}
    for(int i=0;i<spin;i++) sink+=i*x;
    uint64_t t1=ns(); d[k]=t1-t0;
    if(d[k]>400000){ if(argc>7) printf("slow at %.3f s: %.3f ms\n",(t0-start)/1e9,d[k]/1e6); slow++;}
  }
  qsort(d,n,8,cmp);
  printf("ws=%zu huge=%d per=%d spin=%d n=%d p50=%.3f p99=%.3f max=%.3f ms slow>0.4ms=%d\n",ws,huge,per,spin,n,d[n/2]/1e6,d[n*99/100]/1e6,d[n-1]/1e6,slow);
}
