#include "http/database_workers.hpp"

#include "service/database.hpp"

namespace did::http {

DatabaseWorkers::DatabaseWorkers(std::string database_url, size_t threads) : url_(std::move(database_url)) {
    for (size_t i = 0; i < threads; ++i) threads_.emplace_back([this] { Loop(); });
}

DatabaseWorkers::~DatabaseWorkers() {
    Stop();
}

void DatabaseWorkers::Post(Task task) {
    {
        std::lock_guard lock(mutex_);
        tasks_.push_back(std::move(task));
    }
    wake_.notify_one();
}

void DatabaseWorkers::Stop() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    for (auto& thread : threads_) {
        if (thread.joinable()) thread.join();
    }
}

void DatabaseWorkers::Loop() {
    std::unique_ptr<store::Store> store;
    while (true) {
        Task task;
        {
            std::unique_lock lock(mutex_);
            wake_.wait(lock, [this] { return stopping_ || !tasks_.empty(); });
            if (tasks_.empty()) return;
            task = std::move(tasks_.front());
            tasks_.pop_front();
        }
        // Opened on first use, and again after a failure (the database may have been down).
        core::Error error;
        if (!store) {
            auto opened = service::OpenDatabase(url_, service::Access::kReadWrite);
            if (opened) {
                store = std::move(*opened);
            } else {
                error = opened.error();
            }
        }
        task(store.get(), store ? nullptr : &error);
    }
}

}  // namespace did::http
