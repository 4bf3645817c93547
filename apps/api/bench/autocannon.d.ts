// The few parts of autocannon's API the benchmarks use (the package ships no types).
declare module "autocannon" {
  interface Options {
    url: string;
    connections?: number;
    duration?: number;
    pipelining?: number;
    headers?: Record<string, string>;
    method?: string;
    timeout?: number;
    /** Cycled in order by each connection (the reliability suite's mixed load). */
    requests?: { method?: string; path: string; headers?: Record<string, string>; body?: string }[];
  }
  interface Latency {
    average: number;
    p50: number;
    p90: number;
    p97_5: number;
    p99: number;
    max: number;
  }
  interface Result {
    requests: { average: number; total: number };
    latency: Latency;
    throughput: { average: number };
    non2xx: number;
    errors: number;
    timeouts: number;
    duration: number;
  }
  interface Instance {
    on(
      event: "response",
      listener: (client: unknown, statusCode: number, resBytes: number, responseTime: number) => void,
    ): this;
    then: Promise<Result>["then"];
  }
  function autocannon(options: Options): Instance;
  export default autocannon;
}
