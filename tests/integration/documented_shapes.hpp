// The output of each command as docs/command-line.md and docs/validation-report.md describe it,
// read back for tests: a heading naming the command (`did local-codes usage`) over a table
// `column | type | meaning` (a listing) or `key | type | meaning` (one JSON object, nested keys
// as `receipt.bytes` and `findings[].line`); and a check of JSON output against such a shape.
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "integration/process.hpp"

namespace did::testing {

using OrderedJson = nlohmann::ordered_json;  // keeps the keys in the order they were printed

inline const std::set<std::string> kTypes = {"string",           "number",           "boolean",
                                             "object",           "array of objects", "array of numbers",
                                             "array of strings", "validation report"};

struct Type {
    std::string base;  // one of kTypes
    bool nullable = false;
};

struct Field {
    std::string name;  // as documented: "provider", "receipt.bytes", "findings[].line"
    Type type;
};

struct Shape {
    std::string command;   // "local-codes usage"
    bool listing = false;  // `column | type | meaning`; else `key | type | meaning`
    std::vector<Field> fields;
    std::string where;  // "docs/command-line.md:120"

    const Field* Find(const std::string& name) const {
        for (const Field& f : fields)
            if (f.name == name) return &f;
        return nullptr;
    }
    // The fields of the object at `at` ("" the top, "receipt", "findings[]"), in order.
    std::vector<const Field*> Children(const std::string& at) const {
        const std::string prefix = at.empty() ? "" : at + ".";
        std::vector<const Field*> out;
        for (const Field& f : fields) {
            if (f.name.starts_with(prefix) && f.name.find('.', prefix.size()) == std::string::npos) out.push_back(&f);
        }
        return out;
    }
};

struct Docs {
    std::map<std::string, Shape> shapes;  // by command
    std::vector<std::string> problems;
};

inline std::string Join(const std::vector<std::string>& lines, const std::string& between = "\n") {
    std::string out;
    for (const auto& line : lines) out += (out.empty() ? "" : between) + line;
    return out;
}

inline std::string Trimmed(std::string s) {
    s.erase(0, s.find_first_not_of(" \t"));
    s.erase(s.find_last_not_of(" \t") + 1);
    return s;
}

// "| a | `b` |" as {"a", "b"}.
inline std::vector<std::string> Cells(const std::string& line) {
    std::vector<std::string> cells;
    std::string cell;
    for (size_t i = 1; i < line.size(); ++i) {
        if (line[i] == '|' && line[i - 1] != '\\') {
            cells.push_back(Trimmed(cell));
            cell.clear();
        } else if (line[i] != '`') {
            cell += line[i];
        }
    }
    return cells;
}

// The command a heading names: "### `did local-codes usage`" is "local-codes usage"; "" for none.
inline std::string CommandOf(const std::string& heading) {
    const size_t at = heading.find("`did ");
    if (at == std::string::npos) return "";
    const size_t end = heading.find('`', at + 1);
    std::istringstream words(heading.substr(at + 5, end - at - 5));
    std::string command;
    for (std::string word; words >> word;) {
        if (!std::regex_match(word, std::regex("[a-z][a-z0-9-]*"))) break;
        command += (command.empty() ? "" : " ") + word;
    }
    return command;
}

inline bool SnakeCase(const std::string& name) {
    return std::regex_match(name, std::regex("[a-z][a-z0-9]*(_[a-z0-9]+)*"));
}

// Reads the shapes documented in `relative` (a path under the source tree) into `docs`.
inline void ReadShapes(const std::string& root, const std::string& relative, Docs& docs) {
    std::istringstream in(ReadText(root + "/" + relative));
    enum class Table { kNone, kHeader, kRows, kDone } table = Table::kNone;
    std::optional<Shape> open;  // the section of a command, until the next heading
    auto close = [&] {
        if (!open) return;
        if (open->fields.empty()) {
            docs.problems.push_back(open->where + ": `did " + open->command + "` has no field table under it");
        } else if (!docs.shapes.emplace(open->command, *open).second) {
            docs.problems.push_back(open->where + ": `did " + open->command + "` is documented twice");
        }
        open.reset();
    };
    bool code = false;
    int number = 0;
    for (std::string line; std::getline(in, line);) {
        ++number;
        const std::string where = relative + ":" + std::to_string(number);
        if (line.starts_with("```")) code = !code;
        if (code || line.starts_with("```")) continue;
        if (line.starts_with("#")) {
            close();
            table = Table::kNone;
            if (const std::string command = CommandOf(line); !command.empty()) open = Shape{command, false, {}, where};
            continue;
        }
        if (!open || table == Table::kDone) continue;
        if (!line.starts_with("|")) {
            if (table != Table::kNone) table = Table::kDone;  // the first table is the shape
            continue;
        }
        const auto cells = Cells(line);
        if (table == Table::kNone) {
            if (cells.size() == 3 && (cells[0] == "column" || cells[0] == "key") && cells[1] == "type") {
                open->listing = cells[0] == "column";
                table = Table::kHeader;
            }
            continue;
        }
        if (table == Table::kHeader) {  // |---|---|---|
            table = Table::kRows;
            continue;
        }
        if (cells.size() != 3) {
            docs.problems.push_back(where + ": a row of " + std::to_string(cells.size()) + " cells, not 3");
            continue;
        }
        Type type{cells[1]};
        if (type.base.ends_with(" or null")) {
            type.base.resize(type.base.size() - std::string(" or null").size());
            type.nullable = true;
        }
        if (kTypes.count(type.base) == 0) docs.problems.push_back(where + ": unknown type '" + cells[1] + "'");
        open->fields.push_back({cells[0], type});
    }
    close();
}

// A documented shape that cannot be right whatever the output: unknown parents, names that
// are not snake_case, objects without keys.
inline void CheckShape(const Shape& shape, const Docs& docs, std::vector<std::string>& problems) {
    const std::string in = shape.where + " (did " + shape.command + "): ";
    std::set<std::string> seen;
    for (const Field& f : shape.fields) {
        if (!seen.insert(f.name).second) problems.push_back(in + f.name + " twice");
        std::istringstream parts(f.name);
        for (std::string part; std::getline(parts, part, '.');) {
            if (part.ends_with("[]")) part.resize(part.size() - 2);
            if (!SnakeCase(part)) problems.push_back(in + "'" + f.name + "' is not snake_case");
        }
        if (shape.listing && f.name.find('.') != std::string::npos) {
            problems.push_back(in + "a listing's columns are flat: " + f.name);
        }
        if (const size_t dot = f.name.rfind('.'); dot != std::string::npos) {
            std::string parent = f.name.substr(0, dot);
            const bool element = parent.ends_with("[]");
            if (element) parent.resize(parent.size() - 2);
            const Field* p = shape.Find(parent);
            const std::string wanted = element ? "array of objects" : "object";
            if (p == nullptr || p->type.base != wanted)
                problems.push_back(in + f.name + ": no " + wanted + " " + parent);
        }
        if (f.type.base == "object" && shape.Children(f.name).empty()) problems.push_back(in + f.name + " has no keys");
        if (f.type.base == "array of objects" && shape.Children(f.name + "[]").empty()) {
            problems.push_back(in + f.name + "[] has no keys");
        }
        if (f.type.base == "validation report" && docs.shapes.count("validate") == 0) {
            problems.push_back(in + f.name + ": the validation report (`did validate`) is not documented");
        }
    }
}

// The shapes documented in docs/command-line.md and docs/validation-report.md under `root`.
inline Docs ReadDocs(const std::string& root) {
    Docs docs;
    ReadShapes(root, "docs/command-line.md", docs);
    ReadShapes(root, "docs/validation-report.md", docs);
    for (const auto& [command, shape] : docs.shapes) CheckShape(shape, docs, docs.problems);
    return docs;
}

// Holds outputs to their shapes, collecting every difference (rather than stopping at the
// first) and which documented fields had a value. `docs` must outlive it.
class ShapeCheck {
  public:
    explicit ShapeCheck(const Docs& docs) : docs_(docs) {}

    // A listing's JSON: an array of objects, each with the columns in order.
    void Listing(const OrderedJson& rows, const Shape& shape, const std::string& path) {
        if (!rows.is_array()) return Problem(path + ": not an array");
        for (size_t i = 0; i < rows.size(); ++i) {
            const std::string at = path + "[" + std::to_string(i) + "]";
            Object(rows[i], shape, "", at);
            if (rows[i].is_object() && Keys(rows[i]) != Columns(shape)) {
                Problem(at + ": keys in the order " + Join(Keys(rows[i]), ",") + ", documented " +
                        Join(Columns(shape), ","));
            }
        }
    }

    // The object at `at` in `shape` ("" the top, "receipt", "findings[]").
    void Object(const OrderedJson& value, const Shape& shape, const std::string& at, const std::string& path) {
        if (!value.is_object()) return Problem(path + ": not an object");
        std::set<std::string> documented;
        for (const Field* f : shape.Children(at)) {
            const std::string key = f->name.substr(at.empty() ? 0 : at.size() + 1);
            documented.insert(key);
            if (!value.contains(key)) {
                Problem(path + ": no key " + key + " (" + shape.where + ")");
            } else {
                Value(value[key], shape, *f, path + "." + key);
            }
        }
        for (const auto& [key, v] : value.items()) {
            if (documented.count(key) == 0) Problem(path + ": key " + key + " is not documented (" + shape.where + ")");
        }
    }

    void Value(const OrderedJson& value, const Shape& shape, const Field& field, const std::string& path) {
        const std::string& type = field.type.base;
        if (value.is_null()) {
            if (!field.type.nullable) Problem(path + ": null, documented as " + type);
            return;
        }
        const bool empty_array = value.is_array() && value.empty();
        if (!empty_array) filled_.insert({shape.command, field.name});
        bool right = true;
        if (type == "string") {
            right = value.is_string();
        } else if (type == "number") {
            right = value.is_number();
        } else if (type == "boolean") {
            right = value.is_boolean();
        } else if (type == "object") {
            right = value.is_object();
            if (right) Object(value, shape, field.name, path);
        } else if (type == "validation report") {
            right = value.is_object();
            if (right) Object(value, docs_.shapes.at("validate"), "", path);
        } else {
            right = value.is_array();
            for (size_t i = 0; right && i < value.size(); ++i) {
                const std::string at = path + "[" + std::to_string(i) + "]";
                if (type == "array of numbers" && !value[i].is_number()) Problem(at + ": not a number");
                if (type == "array of strings" && !value[i].is_string()) Problem(at + ": not a string");
                if (type == "array of objects") Object(value[i], shape, field.name + "[]", at);
            }
        }
        if (!right) Problem(path + ": " + value.dump() + " is not a " + type);
    }

    // Documented fields no output gave a value, so their type was never checked, but for
    // `exempt` ({command, field}).
    std::vector<std::string> NeverFilled(const std::set<std::pair<std::string, std::string>>& exempt) const {
        std::vector<std::string> out;
        for (const auto& [command, shape] : docs_.shapes) {
            for (const Field& f : shape.fields) {
                const std::pair<std::string, std::string> key{command, f.name};
                if (filled_.count(key) == 0 && exempt.count(key) == 0) out.push_back(command + ": " + f.name);
            }
        }
        return out;
    }

    const std::vector<std::string>& problems() const { return problems_; }

    static std::vector<std::string> Keys(const OrderedJson& object) {
        std::vector<std::string> keys;
        for (const auto& [key, v] : object.items()) keys.push_back(key);
        return keys;
    }
    static std::vector<std::string> Columns(const Shape& shape) {
        std::vector<std::string> columns;
        for (const Field& f : shape.fields) columns.push_back(f.name);
        return columns;
    }

  private:
    void Problem(const std::string& what) { problems_.push_back(what); }

    const Docs& docs_;
    std::vector<std::string> problems_;
    std::set<std::pair<std::string, std::string>> filled_;
};

}  // namespace did::testing
