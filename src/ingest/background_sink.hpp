// BackgroundSink: passes accepted records to another sink on a thread of its own, so that
// storing one window of a file overlaps validating the next. It takes each batch's records
// (leaving the caller an empty batch of its own to refill), and at most `depth` batches wait
// at a time, which bounds the memory it adds. The inner sink is only ever called from that one thread, in file order;
// whatever the inner sink uses (a database connection) must be left alone by others until
// Finish returns. A failure of the inner sink is returned by the next Consume or by Finish.
#pragma once

#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <thread>

#include "validate/accepted_sink.hpp"

namespace did::ingest {

class BackgroundSink final : public validate::AcceptedSink {
  public:
    explicit BackgroundSink(validate::AcceptedSink& inner, size_t depth = 4);
    ~BackgroundSink() override;  // waits for the thread (after a failure, without finishing the inner sink)
    BackgroundSink(const BackgroundSink&) = delete;
    BackgroundSink& operator=(const BackgroundSink&) = delete;

    core::Status Consume(validate::AcceptedBatch& batch) override;
    core::Status Finish(bool keep) override;

  private:
    void Run();
    void Stop();

    validate::AcceptedSink& inner_;
    const size_t depth_;
    std::mutex mutex_;
    std::condition_variable changed_;
    std::deque<std::unique_ptr<validate::AcceptedBatch>> waiting_;
    std::deque<std::unique_ptr<validate::AcceptedBatch>> spare_;  // copies to reuse
    bool closing_ = false;
    core::Status failed_;
    std::thread thread_;
};

}  // namespace did::ingest
