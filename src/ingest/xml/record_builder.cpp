#include "ingest/xml/record_builder.hpp"

#include <fmt/format.h>

#include "validate/rule_catalogue.hpp"

namespace did::ingest::xml {
namespace {

constexpr size_t kPatientItems = 12;  // the fields before DiagnosticTestDate

// A byte that may start a control character (C0, DEL, or the C2 lead byte of a C1 control):
// as in the CSV reader, a record without one spares the validator a look at every field.
bool MayHoldControl(std::string_view text) {
    for (const char c : text) {
        const auto b = static_cast<unsigned char>(c);
        if (b < 0x20 || b == 0x7F || b == 0xC2) return true;
    }
    return false;
}

bool IsSpace(std::string_view text) {
    for (const char c : text) {
        if (c != ' ' && c != '\t' && c != '\n' && c != '\r') return false;
    }
    return true;
}

}  // namespace

void RecordBuilder::Begin(validate::ChunkResult& out, bool structure_only) {
    validator_.Begin(out);
    out_ = &out;
    validator_.set_structure_only(structure_only);
    depth_ = 0;
    closed_record_ = false;
    error_.clear();
    item_ = nullptr;
}

bool RecordBuilder::Fail(std::string message) {
    error_ = std::move(message);
    return false;
}

bool RecordBuilder::Start(std::string_view name, bool has_attributes, uint64_t line) {
    closed_record_ = false;
    const auto info = FindElement(name);
    if (depth_ == 0) {  // the root: its attributes (a namespace, a schema location) are not read
        if (!info || info->element != Element::kDids) {
            return Fail(fmt::format("the root element is <{}>; a DID XML file's is <DIDS>", name));
        }
        open_[depth_++] = Element::kDids;
        return true;
    }
    const Element parent = open_[depth_ - 1];
    if (parent == Element::kItem) {
        return Fail(fmt::format("<{}> inside <{}>: an item holds text only", name, ItemName(open_item_)));
    }
    if (!info) return Fail(fmt::format("<{}> is not an element of the DID structure", name));
    if (has_attributes) return Fail(fmt::format("<{}> has attributes: only the root <DIDS> may have any", name));
    return Start(*info, name, line);
}

bool RecordBuilder::Start(const ElementInfo& info, std::string_view name, uint64_t line) {
    closed_record_ = false;
    if (depth_ == 0 || open_[depth_ - 1] == Element::kItem) return Start(name, false, line);  // the checks above
    if (info.element == Element::kItem) return StartItem(info, name, line);
    return StartGroup(info, name, line);
}

bool RecordBuilder::StartGroup(const ElementInfo& info, std::string_view name, uint64_t line) {
    const Element parent = open_[depth_ - 1];
    if (info.element == Element::kDids) {
        return Fail(fmt::format("<DIDS> inside <{}>: it is the root element and appears once", GroupName(parent)));
    }
    if (parent != info.group) {
        return Fail(fmt::format("<{}> belongs in <{}>, not in <{}>", name, GroupName(info.group), GroupName(parent)));
    }
    constexpr std::string_view kOrder =
        "a <DIDSRecord> holds one <PersonalAndDemographics>, one <Referrals>, then one or more <ImagingActivity>";
    switch (info.element) {
        case Element::kDidsRecord:
            has_demographics_ = has_referrals_ = false;
            activities_ = 0;
            may_hold_control_ = false;
            patient_views_ = {};
            patient_lines_ = {};
            break;
        case Element::kPersonalAndDemographics:
            if (has_demographics_ || has_referrals_ || activities_ > 0) {
                return Fail(fmt::format("<PersonalAndDemographics> out of place: {}", kOrder));
            }
            has_demographics_ = true;
            break;
        case Element::kReferrals:
            if (!has_demographics_ || has_referrals_ || activities_ > 0) {
                return Fail(fmt::format("<Referrals> out of place: {}", kOrder));
            }
            has_referrals_ = true;
            break;
        case Element::kImagingActivity: {
            if (!has_demographics_ || !has_referrals_) {
                return Fail(fmt::format("<ImagingActivity> out of place: {}", kOrder));
            }
            if (activities_ == activity_.size()) activity_.emplace_back();
            Activity& activity = activity_[activities_++];
            activity.line = line;
            activity.views = {};
            activity.lines = {};
            break;
        }
        default:
            break;
    }
    seen_items_ = 0;
    open_[depth_++] = info.element;
    return true;
}

bool RecordBuilder::StartItem(const ElementInfo& info, std::string_view name, uint64_t line) {
    const Element parent = open_[depth_ - 1];
    if (parent != info.group) {
        return Fail(fmt::format("<{}> belongs in <{}>, not in <{}>", name, GroupName(info.group), GroupName(parent)));
    }
    const size_t field = core::Index(*info.field);
    if ((seen_items_ >> field) & 1u) {
        return Fail(fmt::format("<{}> appears twice in one <{}>", name, GroupName(parent)));
    }
    seen_items_ |= 1u << field;
    open_item_ = *info.field;
    if (field < kPatientItems) {
        item_ = &patient_[field];
        item_view_ = &patient_views_[field];
        patient_lines_[field] = line + 1;
    } else {
        Activity& activity = activity_[activities_ - 1];
        item_ = &activity.values[field - kPatientItems];
        item_view_ = &activity.views[field - kPatientItems];
        activity.lines[field - kPatientItems] = line + 1;
    }
    open_[depth_++] = Element::kItem;
    return true;
}

bool RecordBuilder::Text(std::string_view text, bool has_control) {
    if (item_ == nullptr || !item_view_->empty() || text.size() > kMaxItemBytes) return Text(text);
    *item_view_ = text;
    may_hold_control_ |= has_control;
    return true;
}

bool RecordBuilder::Text(std::string_view text) {
    if (item_ != nullptr) {
        if (item_view_->size() + text.size() > kMaxItemBytes) {
            return Fail(
                fmt::format("an item's text is longer than {} bytes; no DID item comes near that", kMaxItemBytes));
        }
        // Expat hands text over in pieces it may reuse: copied, and the view points at the copy.
        if (item_view_->data() != item_->data()) item_->assign(*item_view_);
        item_->append(text);
        *item_view_ = *item_;
        if (!may_hold_control_) may_hold_control_ = MayHoldControl(text);
        return true;
    }
    if (depth_ > 0 && !IsSpace(text)) {
        return Fail(fmt::format("text inside <{}>, which holds elements only", GroupName(open_[depth_ - 1])));
    }
    return true;
}

bool RecordBuilder::End() {
    closed_record_ = false;
    if (depth_ == 0) return true;
    const Element closing = open_[--depth_];
    if (closing == Element::kItem) {
        item_ = nullptr;
        item_view_ = nullptr;
    } else if (closing == Element::kDidsRecord) {
        if (activities_ == 0) return Fail("a <DIDSRecord> without an <ImagingActivity>: it holds no record");
        EmitRecords();
        closed_record_ = true;
    }
    return true;
}

void RecordBuilder::EmitRecords() {
    // Spaces around a value are dropped, as the CSV reader drops them around a field.
    auto trimmed = [](std::string_view v) {
        while (!v.empty() && v.front() == ' ') v.remove_prefix(1);
        while (!v.empty() && v.back() == ' ') v.remove_suffix(1);
        return v;
    };
    for (size_t i = 0; i < kPatientItems; ++i) fields_[i] = trimmed(patient_views_[i]);
    for (size_t a = 0; a < activities_; ++a) {
        const Activity& activity = activity_[a];
        for (size_t i = 0; i < activity.views.size(); ++i) fields_[kPatientItems + i] = trimmed(activity.views[i]);
        const size_t first = out_->findings.size();
        validator_.Record(fields_, activity.line, may_hold_control_);
        if (out_->findings.size() != first) PlaceFindings(first, activity);
    }
}

void RecordBuilder::PlaceFindings(size_t first, const Activity& activity) const {
    const auto& catalogue = validate::RuleCatalogue::Standard();
    for (size_t i = first; i < out_->findings.size(); ++i) {
        validate::Finding& finding = out_->findings[i];
        const auto field = catalogue.Spec(finding.rule).field;
        if (!field) continue;
        const size_t index = core::Index(*field);
        const uint64_t sent_on =  // 0: the item was not sent, so there is no element to point at
            index < kPatientItems ? patient_lines_[index] : activity.lines[index - kPatientItems];
        if (sent_on == 0) continue;
        const uint64_t line = sent_on - 1;
        if (line != activity.line) finding.element_line = line;
    }
}

}  // namespace did::ingest::xml
