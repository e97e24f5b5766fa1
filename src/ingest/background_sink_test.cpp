#include "ingest/background_sink.hpp"

#include <gtest/gtest.h>

#include <array>
#include <string>
#include <thread>
#include <vector>

namespace did::ingest {
namespace {

using core::Field;

// Records what it is given, on which thread; can be told to fail at one batch.
class RecordingSink : public validate::AcceptedSink {
  public:
    core::Status Consume(validate::AcceptedBatch& batch) override {
        threads.push_back(std::this_thread::get_id());
        if (++batches == fail_at) return core::Fail(core::Error::IoError("disk full"));
        for (const auto& r : batch.records()) {
            if (!r.dropped) accessions.emplace_back(batch.Get(r, Field::kAccessionNumber));
        }
        return {};
    }
    core::Status Finish(bool keep) override {
        finished = true;
        kept = keep;
        return {};
    }
    int batches = 0;
    int fail_at = -1;
    std::vector<std::string> accessions;
    std::vector<std::thread::id> threads;
    bool finished = false;
    bool kept = false;
};

void Fill(validate::AcceptedBatch& batch, int first, int count) {
    batch.Clear();
    for (int i = first; i < first + count; ++i) {
        const std::string accession = "ACC" + std::to_string(i);
        std::array<std::string_view, core::kFieldCount> fields{};
        fields[core::Index(Field::kAccessionNumber)] = accession;
        batch.Add(static_cast<uint64_t>(i), fields, {}, false);
    }
}

TEST(BackgroundSinkTest, EverythingArrivesInOrderOnAnotherThreadThoughTheCallerReusesItsBuffer) {
    RecordingSink inner;
    {
        BackgroundSink sink(inner, 2);
        validate::AcceptedBatch buffer;  // one buffer, refilled each time, as the pipeline does
        for (int b = 0; b < 50; ++b) {
            Fill(buffer, b * 100, 100);
            buffer.records()[3].dropped = true;
            ASSERT_TRUE(sink.Consume(buffer));
        }
        ASSERT_TRUE(sink.Finish(true));
    }
    ASSERT_EQ(inner.accessions.size(), 50u * 99u);
    size_t i = 0;
    for (int b = 0; b < 50; ++b) {
        for (int r = 0; r < 100; ++r) {
            if (r == 3) continue;
            EXPECT_EQ(inner.accessions[i++], "ACC" + std::to_string(b * 100 + r));
        }
    }
    EXPECT_TRUE(inner.finished);
    EXPECT_TRUE(inner.kept);
    for (const auto& id : inner.threads) EXPECT_NE(id, std::this_thread::get_id());
}

TEST(BackgroundSinkTest, TheInnerSinksFailureComesBackAndNothingAfterItIsStored) {
    RecordingSink inner;
    inner.fail_at = 3;
    BackgroundSink sink(inner, 1);
    validate::AcceptedBatch buffer;
    bool refused = false;
    for (int b = 0; b < 20 && !refused; ++b) {
        Fill(buffer, b * 10, 10);
        refused = !sink.Consume(buffer);
    }
    const auto finished = sink.Finish(true);
    ASSERT_FALSE(finished);
    EXPECT_EQ(finished.error().message, "disk full");
    EXPECT_EQ(inner.batches, 3);  // the failing batch was the last one tried
    EXPECT_EQ(inner.accessions.size(), 20u);
    EXPECT_FALSE(inner.finished);  // the caller rolls back; the inner sink is not finished as if all went well
}

TEST(BackgroundSinkTest, ARejectedFileIsPassedOnAsNotKept) {
    RecordingSink inner;
    BackgroundSink sink(inner);
    validate::AcceptedBatch buffer;
    Fill(buffer, 0, 5);
    ASSERT_TRUE(sink.Consume(buffer));
    ASSERT_TRUE(sink.Finish(false));
    EXPECT_TRUE(inner.finished);
    EXPECT_FALSE(inner.kept);
    EXPECT_EQ(inner.accessions.size(), 5u);
}

TEST(BackgroundSinkTest, DestroyedWithoutFinishingItStillStopsItsThread) {
    RecordingSink inner;
    {
        BackgroundSink sink(inner);
        validate::AcceptedBatch buffer;
        Fill(buffer, 0, 5);
        ASSERT_TRUE(sink.Consume(buffer));
    }
    EXPECT_FALSE(inner.finished);
    EXPECT_EQ(inner.accessions.size(), 5u);
}

}  // namespace
}  // namespace did::ingest
