/**
 * A rolling-window limiter: at most `limit` requests in any `windowMs`. A request that would go
 * over waits for the oldest one to leave the window, so a CRM's limit is respected up front
 * rather than learnt from its 429s.
 */
export class RollingWindow {
  private sent: number[] = [];

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
    private readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  ) {}

  async take(): Promise<void> {
    for (;;) {
      const cutoff = this.now() - this.windowMs;
      this.sent = this.sent.filter((at) => at > cutoff);
      if (this.sent.length < this.limit) {
        this.sent.push(this.now());
        return;
      }
      await this.sleep(this.sent[0]! - cutoff);
    }
  }
}
