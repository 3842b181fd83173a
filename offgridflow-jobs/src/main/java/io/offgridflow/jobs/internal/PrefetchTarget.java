package io.offgridflow.jobs.internal;

/**
 * How many claimed jobs a worker keeps ready beyond its running ones: fixed when the host set it,
 * else sized from what the worker observes, between a floor and a cap.
 *
 * <p>Why adaptive: the worker claims again when its buffer falls to half the target, so that half
 * must last one claim round trip or the handlers wait for jobs. A buffer sized for slow jobs (a few
 * per second) therefore starves fast ones: each round trip then carries a few dozen jobs, and the
 * store pays its per-statement cost for every few dozen (measured on the jobs benchmark: claim
 * batches of ~90 drained half as fast as batches of ~470). A buffer sized for fast jobs holds slow
 * ones under lease where an idle node could run them. So the target follows
 *
 * <pre>
 * target = HEADROOM x 2 x (jobs started per second) x (claim round-trip time)
 * </pre>
 *
 * clamped to [floor, cap]. It grows at most twofold per claim (a starved buffer measures a rate its
 * own size limits, so it doubles until the handlers or the store become the limit) and follows a
 * falling rate at once. Slow jobs start at a low rate, so their target stays at the floor.
 *
 * <p>Only the dispatcher thread calls {@link #afterClaim}; handler threads read {@link #target()}
 * and {@link #lowWater()}, hence the volatile field.
 */
public final class PrefetchTarget {
  /** Above the bare round trip: claim latency and start rate both jitter. */
  static final double HEADROOM = 2.0;
  /** Weight of the newest claim's round-trip time in the running average. */
  private static final double LATENCY_WEIGHT = 0.25;

  private final int floor;
  private final int cap;
  private final boolean fixed;
  private volatile int target;

  private double latencySeconds = Double.NaN;
  private boolean claimedBefore;
  private long lastClaimNanos;
  private long lastStarted;

  private PrefetchTarget(int floor, int cap, boolean fixed) {
    this.floor = floor;
    this.cap = cap;
    this.fixed = fixed;
    this.target = floor;
  }

  /** Always {@code prefetch}. */
  public static PrefetchTarget fixed(int prefetch) {
    return new PrefetchTarget(prefetch, prefetch, true);
  }

  /** Starts at {@code floor} and moves within [floor, cap] with the observed rate and claim latency. */
  public static PrefetchTarget adaptive(int floor, int cap) {
    if (floor < 0 || cap < floor) {
      throw new IllegalArgumentException("need 0 <= floor <= cap, got floor " + floor + ", cap " + cap);
    }
    return new PrefetchTarget(floor, cap, false);
  }

  /** Jobs to keep ready beyond the running ones. */
  public int target() {
    return target;
  }

  /** Claim again once the buffer holds this many jobs or fewer. */
  public int lowWater() {
    return target / 2;
  }

  public boolean isFixed() {
    return fixed;
  }

  public int floor() {
    return floor;
  }

  public int cap() {
    return cap;
  }

  /**
   * Records one claim and resizes the target.
   *
   * @param claimNanos how long the claim's round trip took
   * @param nowNanos {@code System.nanoTime()} when it returned
   * @param startedTotal jobs this worker's handlers have taken from the buffer so far
   * @param queueEmptied this claim got fewer jobs than it asked for: the queue, not the buffer, is
   *     short of jobs, so a bigger buffer would not help and the target does not grow
   */
  public void afterClaim(long claimNanos, long nowNanos, long startedTotal, boolean queueEmptied) {
    if (fixed) {
      return;
    }
    double latency = claimNanos / 1e9;
    latencySeconds = Double.isNaN(latencySeconds) ? latency
        : LATENCY_WEIGHT * latency + (1 - LATENCY_WEIGHT) * latencySeconds;
    long since = nowNanos - lastClaimNanos;
    long started = startedTotal - lastStarted;
    boolean first = !claimedBefore;
    claimedBefore = true;
    lastClaimNanos = nowNanos;
    lastStarted = startedTotal;
    if (first || since <= 0) {
      return; // the first claim only sets where the rate is measured from
    }
    double rate = started / (since / 1e9);
    double wanted = HEADROOM * 2 * rate * latencySeconds;
    int current = target;
    long next = (long) Math.ceil(wanted);
    if (queueEmptied) {
      next = Math.min(next, current); // an empty queue is no reason to grow
    }
    next = Math.min(next, 2L * Math.max(current, 1));
    target = (int) Math.max(floor, Math.min(cap, next));
  }
}
