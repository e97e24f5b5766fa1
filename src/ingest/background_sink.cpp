#include "ingest/background_sink.hpp"

namespace did::ingest {

BackgroundSink::BackgroundSink(validate::AcceptedSink& inner, size_t depth)
    : inner_(inner), depth_(depth == 0 ? 1 : depth), thread_([this] { Run(); }) {}

BackgroundSink::~BackgroundSink() {
    Stop();
}

core::Status BackgroundSink::Consume(validate::AcceptedBatch& batch) {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [&] { return waiting_.size() < depth_ || !failed_; });
    if (!failed_) return failed_;
    std::unique_ptr<validate::AcceptedBatch> copy;
    if (!spare_.empty()) {
        copy = std::move(spare_.back());
        spare_.pop_back();
    }
    lock.unlock();
    if (!copy) copy = std::make_unique<validate::AcceptedBatch>();
    std::swap(*copy, batch);  // the records change hands; the caller gets an empty batch to refill
    lock.lock();
    waiting_.push_back(std::move(copy));
    changed_.notify_all();
    return {};
}

core::Status BackgroundSink::Finish(bool keep) {
    Stop();
    if (!failed_) return failed_;
    return inner_.Finish(keep);
}

void BackgroundSink::Stop() {
    {
        std::lock_guard lock(mutex_);
        closing_ = true;
    }
    changed_.notify_all();
    if (thread_.joinable()) thread_.join();
}

void BackgroundSink::Run() {
    std::unique_lock lock(mutex_);
    while (true) {
        changed_.wait(lock, [&] { return !waiting_.empty() || closing_; });
        if (waiting_.empty()) return;  // closing, and everything handed over is stored
        std::unique_ptr<validate::AcceptedBatch> batch = std::move(waiting_.front());
        waiting_.pop_front();
        const bool go_on = static_cast<bool>(failed_);
        lock.unlock();
        core::Status status = go_on ? inner_.Consume(*batch) : core::Status{};
        batch->Clear();  // keeps its capacity for a later batch
        lock.lock();
        if (!status) failed_ = std::move(status);
        spare_.push_back(std::move(batch));
        changed_.notify_all();
    }
}

}  // namespace did::ingest
