#include "http/templates.hpp"

#include <gtest/gtest.h>

#include <unistd.h>
#include <filesystem>
#include <fstream>
#include <thread>
#include <vector>

namespace did::http {
namespace {

class TemplatesTest : public ::testing::Test {
  protected:
    void SetUp() override {
        dir_ = std::filesystem::temp_directory_path() / ("did_templates_" + std::to_string(::getpid()));
        std::filesystem::create_directories(dir_);
        Write("error", "<h1>{{message}}</h1>");
        Write("row", "<li>{{name}}{{> cell}}</li>");
        Write("cell", "<b>{{name}}</b>");
        Write("page", "{{#error}}<p class=\"summary\">{{error}}</p>{{/error}}<ul>{{#items}}{{> row}}{{/items}}</ul>");
    }
    void TearDown() override { std::filesystem::remove_all(dir_); }
    void Write(const std::string& name, const std::string& text) const {
        std::ofstream(dir_ / (name + ".mustache")) << text;
    }
    std::filesystem::path dir_;
};

TEST_F(TemplatesTest, AKeyLeftUnsetIsNotAnotherTemplateOfThatName) {
    auto templates = Templates::Load(dir_.string());
    ASSERT_TRUE(templates) << templates.error().message;
    kainjow::mustache::data items{kainjow::mustache::data::type::list};
    kainjow::mustache::data item;
    item.set("name", "a<b");
    items.push_back(item);
    kainjow::mustache::data data;
    data.set("items", items);
    auto page = templates->Render("page", data);
    ASSERT_TRUE(page) << page.error().message;
    // No error given: no summary, though a template is called "error".
    EXPECT_EQ(*page, "<ul><li>a&lt;b<b>a&lt;b</b></li></ul>");

    data.set("error", "Enter a code");
    page = templates->Render("page", data);
    ASSERT_TRUE(page);
    EXPECT_EQ(*page, "<p class=\"summary\">Enter a code</p><ul><li>a&lt;b<b>a&lt;b</b></li></ul>");
}

TEST_F(TemplatesTest, AMissingPartialIsRefusedAtLoadNamingBoth) {
    Write("broken", "<p>{{> nowhere}}</p>");
    auto templates = Templates::Load(dir_.string());
    ASSERT_FALSE(templates);
    EXPECT_NE(templates.error().message.find("broken"), std::string::npos) << templates.error().message;
    EXPECT_NE(templates.error().message.find("nowhere"), std::string::npos) << templates.error().message;
}

TEST_F(TemplatesTest, ATemplateIncludingItselfIsRefusedAtLoad) {
    Write("cell", "<b>{{> row}}</b>");  // row includes cell, which now includes row
    auto templates = Templates::Load(dir_.string());
    ASSERT_FALSE(templates);
    EXPECT_NE(templates.error().message.find("in itself"), std::string::npos) << templates.error().message;
}

TEST_F(TemplatesTest, ATemplateThatDoesNotParseIsRefusedAtLoad) {
    Write("unclosed", "{{#items}}<li>{{name}}</li>");
    auto templates = Templates::Load(dir_.string());
    ASSERT_FALSE(templates);
    EXPECT_NE(templates.error().message.find("unclosed"), std::string::npos) << templates.error().message;
}

// One parsed template serves every database worker: each thread gets its own data's page.
TEST_F(TemplatesTest, ManyThreadsRenderOneTemplateAtOnce) {
    auto templates = Templates::Load(dir_.string());
    ASSERT_TRUE(templates) << templates.error().message;
    constexpr size_t kThreads = 4;
    std::vector<int> wrong(kThreads, 0);
    std::vector<std::thread> threads;
    threads.reserve(kThreads);
    for (size_t t = 0; t < kThreads; ++t) {
        threads.emplace_back([&, t] {
            for (int i = 0; i < 500; ++i) {
                kainjow::mustache::data item;
                item.set("name", std::to_string(t) + ":" + std::to_string(i));
                kainjow::mustache::data items{kainjow::mustache::data::type::list};
                items.push_back(item);
                kainjow::mustache::data data;
                data.set("items", items);
                const std::string name = std::to_string(t) + ":" + std::to_string(i);
                auto page = templates->Render("page", data);
                if (!page || *page != "<ul><li>" + name + "<b>" + name + "</b></li></ul>") ++wrong[t];
            }
        });
    }
    for (auto& thread : threads) thread.join();
    for (size_t t = 0; t < kThreads; ++t) EXPECT_EQ(wrong[t], 0) << "thread " << t;
}

}  // namespace
}  // namespace did::http
