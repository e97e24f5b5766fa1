// A test fixture's own database, opened as a Store, on one backend: skipped where the backend
// cannot be reached here, failed instead where it must be (test_databases.hpp). Mix into a
// fixture, call OpenTestStore from SetUp, and return from SetUp when `store_` is null.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string_view>

#include "core/date.hpp"
#include "core/period.hpp"
#include "store/store.hpp"
#include "store/test_databases.hpp"

namespace did::store {

// A month or a day written as the tests know it: "2026-10", "2026-11-05".
inline core::Period Month(std::string_view text) {
    return *core::Period::Parse(text);
}
inline core::Date Day(std::string_view text) {
    return *core::Date::Parse(text);
}

class TestStore {
  protected:
    // Opens `store_`, or leaves it null, the test skipped or failed.
    void OpenTestStore(Backend backend) {
        database_ = std::make_unique<TestDatabase>(backend);
        if (database_->url().empty()) {
            if (database_->required()) FAIL() << database_->skip_reason();
            GTEST_SKIP() << database_->skip_reason();
        }
        auto opened = Store::Open(database_->url());
        ASSERT_TRUE(opened) << opened.error().message;
        store_ = std::move(*opened);
    }

    std::unique_ptr<TestDatabase> database_;
    std::unique_ptr<Store> store_;
};

}  // namespace did::store
