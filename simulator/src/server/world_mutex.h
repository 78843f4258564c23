// The lock around a running simulator's world: a std::shared_mutex that also counts exclusive
// acquisitions. Every change to the world happens under an exclusive lock, so a reader holding
// the lock shared sees a generation() that names exactly the world it is reading: equal
// generations, equal worlds. The GET response cache (response_cache.h) keys on it.
//
// Meets the SharedMutex requirements: use it with std::unique_lock / std::shared_lock.
// Thread safety: as std::shared_mutex; generation() may be read at any time, and is stable
// while the caller holds the lock (shared or exclusive).
#pragma once

#include <atomic>
#include <cstdint>
#include <shared_mutex>

namespace bcsim {

class WorldMutex {
 public:
  void lock() {
    mu_.lock();
    generation_.fetch_add(1, std::memory_order_relaxed);
  }
  bool try_lock() {
    if (!mu_.try_lock()) return false;
    generation_.fetch_add(1, std::memory_order_relaxed);
    return true;
  }
  void unlock() { mu_.unlock(); }
  void lock_shared() { mu_.lock_shared(); }
  bool try_lock_shared() { return mu_.try_lock_shared(); }
  void unlock_shared() { mu_.unlock_shared(); }

  std::uint64_t generation() const { return generation_.load(std::memory_order_relaxed); }

 private:
  std::shared_mutex mu_;
  std::atomic<std::uint64_t> generation_{0};
};

}  // namespace bcsim
