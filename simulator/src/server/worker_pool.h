// The HTTP worker pool: an httplib::TaskQueue that starts small and grows on demand.
//
// cpp-httplib hands each accepted connection to the task queue as one job that runs for the
// connection's whole keep-alive life, and a `delay:` fault holds its worker while it sleeps. A
// fixed pool therefore has to be sized for the most concurrent connections ever seen, and
// creating those threads up front costs start-up time. This pool keeps `initial` threads, adds
// one whenever a job arrives and no thread is idle (up to `max_threads`), and keeps the threads
// it made until shutdown. Past `max_threads`, jobs wait in FIFO order.
//
// Thread safety: enqueue() may be called from any thread; shutdown() once, after the last
// enqueue() (httplib stops accepting before it shuts the queue down). Both join nothing else.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

#include <httplib.h>

namespace bcsim {

class WorkerPool : public httplib::TaskQueue {
 public:
  WorkerPool(std::size_t max_threads, std::size_t initial);
  ~WorkerPool() override;
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  void enqueue(std::function<void()> fn) override;
  void shutdown() override;

  std::size_t thread_count() const;  // threads created so far

 private:
  void Spawn();  // mu_ held
  void Run();

  const std::size_t max_threads_;
  mutable std::mutex mu_;
  std::condition_variable cv_;
  std::deque<std::function<void()>> jobs_;  // guarded by mu_
  std::vector<std::thread> threads_;        // guarded by mu_
  std::size_t idle_ = 0;                    // guarded by mu_: threads waiting for a job
  std::size_t starting_ = 0;                // guarded by mu_: spawned, not yet waiting
  bool shutdown_ = false;                   // guarded by mu_
};

}  // namespace bcsim
