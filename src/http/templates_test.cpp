#include "http/templates.hpp"

#include <gtest/gtest.h>

#include <unistd.h>
#include <filesystem>
#include <fstream>

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

}  // namespace
}  // namespace did::http
