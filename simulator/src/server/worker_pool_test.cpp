// WorkerPool: starts with the initial threads, grows one thread per job that finds none idle,
// never past the maximum (then jobs queue), runs every job, and shutdown joins the threads.
#include "server/worker_pool.h"

#include <gtest/gtest.h>

#include <atomic>
#include <condition_variable>
#include <mutex>

namespace bcsim {
namespace {

// A latch the jobs block on until the test opens it.
struct Gate {
  std::mutex mu;
  std::condition_variable cv;
  bool open = false;
  int waiting = 0;
  void Wait() {
    std::unique_lock<std::mutex> lock(mu);
    ++waiting;
    cv.notify_all();
    cv.wait(lock, [this] { return open; });
  }
  void AwaitWaiting(int n) {
    std::unique_lock<std::mutex> lock(mu);
    cv.wait(lock, [this, n] { return waiting >= n; });
  }
  void Open() {
    std::lock_guard<std::mutex> lock(mu);
    open = true;
    cv.notify_all();
  }
};

TEST(WorkerPool, StartsWithTheInitialThreads) {
  WorkerPool pool(16, 2);
  EXPECT_EQ(pool.thread_count(), 2u);
  pool.shutdown();
}

TEST(WorkerPool, GrowsWhenEveryThreadIsBusy) {
  WorkerPool pool(16, 1);
  Gate gate;
  for (int i = 0; i < 5; ++i) pool.enqueue([&gate] { gate.Wait(); });
  gate.AwaitWaiting(5);  // five jobs blocked at once: each got its own thread
  EXPECT_EQ(pool.thread_count(), 5u);
  gate.Open();
  pool.shutdown();
}

TEST(WorkerPool, QueuesPastTheMaximumAndRunsEveryJob) {
  WorkerPool pool(3, 0);
  Gate gate;
  std::atomic<int> done{0};
  for (int i = 0; i < 10; ++i) {
    pool.enqueue([&gate, &done] {
      gate.Wait();
      done.fetch_add(1);
    });
  }
  gate.AwaitWaiting(3);
  EXPECT_EQ(pool.thread_count(), 3u);
  gate.Open();
  pool.shutdown();  // runs what is queued, then joins
  EXPECT_EQ(done.load(), 10);
}

}  // namespace
}  // namespace bcsim
