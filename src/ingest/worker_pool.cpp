#include "ingest/worker_pool.hpp"

namespace did::ingest {

WorkerPool::WorkerPool(size_t threads) {
    if (threads == 0) threads = std::max<size_t>(1, std::thread::hardware_concurrency());
    for (size_t i = 1; i < threads; ++i) helpers_.emplace_back([this, i] { HelperLoop(i); });
}

WorkerPool::~WorkerPool() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    for (std::thread& t : helpers_) t.join();
}

void WorkerPool::Work(size_t worker) {
    for (size_t i = next_.fetch_add(1); i < tasks_; i = next_.fetch_add(1)) (*task_)(i, worker);
}

void WorkerPool::HelperLoop(size_t worker) {
    uint64_t seen = 0;
    while (true) {
        {
            std::unique_lock lock(mutex_);
            wake_.wait(lock, [&] { return stopping_ || generation_ != seen; });
            if (stopping_) return;
            seen = generation_;
        }
        Work(worker);
        {
            std::lock_guard lock(mutex_);
            if (--busy_ == 0) done_.notify_one();
        }
    }
}

void WorkerPool::Run(size_t tasks, const std::function<void(size_t, size_t)>& task) {
    if (helpers_.empty() || tasks <= 1) {
        for (size_t i = 0; i < tasks; ++i) task(i, 0);
        return;
    }
    {
        std::lock_guard lock(mutex_);
        task_ = &task;
        tasks_ = tasks;
        next_.store(0);
        busy_ = helpers_.size();
        ++generation_;
    }
    wake_.notify_all();
    Work(0);
    std::unique_lock lock(mutex_);
    done_.wait(lock, [&] { return busy_ == 0; });
    task_ = nullptr;
}

}  // namespace did::ingest
