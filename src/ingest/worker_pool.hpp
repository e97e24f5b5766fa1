// WorkerPool: a fixed set of threads that run a batch of numbered tasks and wait for all
// of them. The calling thread works too, as worker 0, so a pool of one runs everything
// inline. Run() is called from one thread at a time; tasks must not call Run() themselves.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace did::ingest {

class WorkerPool {
  public:
    // `threads` 0 means one per core.
    explicit WorkerPool(size_t threads);
    ~WorkerPool();
    WorkerPool(const WorkerPool&) = delete;
    WorkerPool& operator=(const WorkerPool&) = delete;

    size_t size() const { return helpers_.size() + 1; }

    // Runs task(i, worker) for i in [0, tasks); `worker` < size() identifies per-worker state.
    void Run(size_t tasks, const std::function<void(size_t task, size_t worker)>& task);

  private:
    void HelperLoop(size_t worker);
    void Work(size_t worker);

    std::vector<std::thread> helpers_;
    std::mutex mutex_;
    std::condition_variable wake_;
    std::condition_variable done_;
    const std::function<void(size_t, size_t)>* task_ = nullptr;
    size_t tasks_ = 0;
    std::atomic<size_t> next_{0};
    size_t busy_ = 0;
    uint64_t generation_ = 0;
    bool stopping_ = false;
};

}  // namespace did::ingest
