// DatabaseWorkers: the threads that answer requests, each with its own database connection
// (a Store is one connection, used from one thread). The network threads never wait on the
// database: they queue a task here and go on. Stop() lets queued and running tasks finish.
// Thread-safe.
#pragma once

#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "core/error.hpp"

namespace did::store {
class Store;
}  // namespace did::store

namespace did::http {

class DatabaseWorkers {
  public:
    // A task gets the worker's connection, or (when it cannot be opened) the error instead.
    using Task = std::function<void(store::Store* store, const core::Error* error)>;

    DatabaseWorkers(std::string database_url, size_t threads);
    ~DatabaseWorkers();
    DatabaseWorkers(const DatabaseWorkers&) = delete;
    DatabaseWorkers& operator=(const DatabaseWorkers&) = delete;

    void Post(Task task);
    // Runs what is queued, then joins the threads.
    void Stop();

  private:
    void Loop();

    std::string url_;
    std::vector<std::thread> threads_;
    std::mutex mutex_;
    std::condition_variable wake_;
    std::deque<Task> tasks_;
    bool stopping_ = false;
};

}  // namespace did::http
