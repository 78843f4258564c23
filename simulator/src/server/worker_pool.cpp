#include "server/worker_pool.h"

#include <algorithm>

namespace bcsim {

WorkerPool::WorkerPool(std::size_t max_threads, std::size_t initial)
    : max_threads_(std::max<std::size_t>(1, max_threads)) {
  std::lock_guard<std::mutex> lock(mu_);
  for (std::size_t i = 0; i < std::min(initial, max_threads_); ++i) Spawn();
}

WorkerPool::~WorkerPool() { shutdown(); }

void WorkerPool::Spawn() {
  ++starting_;
  threads_.emplace_back([this] { Run(); });
}

void WorkerPool::enqueue(std::function<void()> fn) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    jobs_.push_back(std::move(fn));
    // Every idle thread will take one queued job; grow when the queue outnumbers them.
    if (jobs_.size() > idle_ + starting_ && threads_.size() < max_threads_) Spawn();
  }
  cv_.notify_one();
}

void WorkerPool::shutdown() {
  std::vector<std::thread> threads;
  {
    std::lock_guard<std::mutex> lock(mu_);
    shutdown_ = true;
    threads.swap(threads_);
  }
  cv_.notify_all();
  for (std::thread& t : threads) {
    if (t.joinable()) t.join();
  }
}

std::size_t WorkerPool::thread_count() const {
  std::lock_guard<std::mutex> lock(mu_);
  return threads_.size();
}

void WorkerPool::Run() {
  std::unique_lock<std::mutex> lock(mu_);
  --starting_;
  for (;;) {
    ++idle_;
    cv_.wait(lock, [this] { return !jobs_.empty() || shutdown_; });
    --idle_;
    if (jobs_.empty()) return;  // shut down and nothing left to run
    std::function<void()> fn = std::move(jobs_.front());
    jobs_.pop_front();
    lock.unlock();
    fn();
    fn = nullptr;  // destroy the job's captures outside the lock
    lock.lock();
  }
}

}  // namespace bcsim
