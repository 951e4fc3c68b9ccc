import { limiter } from './concurrency';

describe('limiter', () => {
  it('runs at most the limit at once, starting tasks in the order given', async () => {
    const run = limiter(2);
    let active = 0;
    let peak = 0;
    const started: number[] = [];
    const task = (i: number, ms: number) => () => {
      started.push(i);
      active++;
      peak = Math.max(peak, active);
      return new Promise<number>(resolve =>
        setTimeout(() => {
          active--;
          resolve(i);
        }, ms),
      );
    };
    // The first batch's slow task must not hold back the second batch.
    const first = Promise.all([run(task(1, 60)), run(task(2, 5))]);
    const second = Promise.all([run(task(3, 5)), run(task(4, 5))]);
    expect(await second).toEqual([3, 4]);
    expect(active).toBe(1); // task 1 is still running
    expect(await first).toEqual([1, 2]);
    expect(peak).toBe(2);
    expect(started).toEqual([1, 2, 3, 4]);
  });

  it('passes a failure to its caller and frees the slot', async () => {
    const run = limiter(1);
    await expect(run(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await run(async () => 'next')).toBe('next');
  });
});
