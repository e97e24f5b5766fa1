#include "ingest/worker_pool.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <vector>

namespace did::ingest {
namespace {

TEST(WorkerPoolTest, RunsEveryTaskOnceOnEveryRound) {
    WorkerPool pool(4);
    EXPECT_EQ(pool.size(), 4u);
    for (int round = 0; round < 200; ++round) {
        std::vector<std::atomic<int>> runs(37);
        std::atomic<bool> bad_worker{false};
        pool.Run(runs.size(), [&](size_t task, size_t worker) {
            if (worker >= pool.size()) bad_worker = true;
            runs[task].fetch_add(1);
        });
        for (const auto& r : runs) ASSERT_EQ(r.load(), 1);
        ASSERT_FALSE(bad_worker);
    }
}

TEST(WorkerPoolTest, APoolOfOneRunsInline) {
    WorkerPool pool(1);
    std::vector<size_t> order;
    pool.Run(5, [&](size_t task, size_t worker) {
        EXPECT_EQ(worker, 0u);
        order.push_back(task);
    });
    EXPECT_EQ(order, (std::vector<size_t>{0, 1, 2, 3, 4}));
}

}  // namespace
}  // namespace did::ingest
