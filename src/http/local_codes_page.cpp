// A provider's local examination codes: each with the NICIP code it stands for and where it
// stands (notified, approved, or refused and why), and for its submitters the form that
// notifies a new one through service::NotifyLocalCode, which checks it against the NICIP
// catalogue in use, as `did local-codes notify` does.
#include <cctype>

#include "http/context.hpp"
#include "http/provider_view.hpp"
#include "http/routes.hpp"
#include "http/target.hpp"
#include "service/catalogue.hpp"
#include "service/engagement_admin.hpp"

namespace did::http {
namespace {

struct NotifyForm {
    std::string local_code;
    std::string nicip_code;
    std::string error;
    bool nicip_error = false;  // the problem is the NICIP code's, not the local code's
};

Response LocalCodesPage(Context& context, const NotifyForm& form, int status) {
    const std::string& organisation = context.Param("organisation");
    auto codes = service::ListLocalCodes(context.store, organisation, std::nullopt);
    if (!codes) return context.Error(codes.error());
    PageData list{PageData::type::list};
    for (const auto& code : *codes) {
        PageData row;
        row.set("local_code", code.local_code);
        row.set("nicip_code", code.nicip_code);
        row.set("notified_by", code.notified_by);
        row.set("notified_at", code.notified_at);
        row.set("decided", !code.decided_at.empty());
        row.set("decided_by", code.decided_by);
        row.set("decided_at", code.decided_at);
        if (!code.reason.empty()) row.set("reason", code.reason);
        switch (code.status) {
            case store::LocalCodeStatus::kNotified:
                row.set("status", std::string("Notified: awaiting a decision"));
                row.set("status_class", std::string("nhsuk-tag--blue"));
                break;
            case store::LocalCodeStatus::kApproved:
                row.set("status", std::string("Approved"));
                row.set("status_class", std::string("nhsuk-tag--green"));
                break;
            case store::LocalCodeStatus::kRefused:
                row.set("status", std::string("Refused"));
                row.set("status_class", std::string("nhsuk-tag--red"));
                break;
        }
        list.push_back(row);
    }
    PageData data;
    data.set("organisation", organisation);
    data.set("codes", list);
    data.set("has_codes", !list.is_empty_list());
    data.set("can_submit", CanSubmit(context.principal));
    data.set("csrf", context.principal.csrf_token);
    data.set("local_code", form.local_code);
    data.set("nicip_code", form.nicip_code);
    // A section opens on any string, even an empty one: the error's keys exist only with one.
    if (!form.error.empty()) {
        data.set("error", form.error);
        data.set(form.nicip_error ? "nicip_error" : "local_error", form.error);
        data.set("error_target", form.nicip_error ? std::string("nicip_code") : std::string("local_code"));
    }
    if (const auto notified = context.request.Query("notified"); notified && !notified->empty()) {
        data.set("notified", *notified);
    }
    return context.Page("provider_local_codes", "Local codes", std::move(data), status);
}

std::string Sentence(std::string message) {
    if (!message.empty()) message[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(message[0])));
    return message;
}

Response Notify(Context& context) {
    const std::string& organisation = context.Param("organisation");
    NotifyForm form{context.Form("local_code"), context.Form("nicip_code"), "", false};
    if (form.local_code.empty()) {
        form.error = "Enter the local code";
        return LocalCodesPage(context, form, 400);
    }
    if (form.nicip_code.empty()) {
        form.error = "Enter the NICIP code the local code stands for";
        form.nicip_error = true;
        return LocalCodesPage(context, form, 400);
    }
    auto catalogue = service::LoadCatalogue(context.store);
    if (!catalogue) return context.Error(catalogue.error());
    auto notified = service::NotifyLocalCode(context.store, context.Actor(), *catalogue->catalogue, organisation,
                                             form.local_code, form.nicip_code);
    if (!notified && notified.error().code == core::ErrorCode::kInvalidArgument) {
        form.error = Sentence(notified.error().message);
        form.nicip_error = form.error.ends_with("is not in the NICIP catalogue");
        return LocalCodesPage(context, form, 400);
    }
    if (!notified) return context.Error(notified.error());
    return context.Redirect("/providers/" + organisation + "/local-codes?notified=" + UrlEncode(form.local_code));
}

}  // namespace

void AddLocalCodesPage(RouteTable& routes) {
    routes.Add({"GET",
                "/providers/{organisation}/local-codes",
                {Audience::kRoles, ProviderRoles(), "organisation", false, false},
                [](Context& context) { return LocalCodesPage(context, {}, 200); },
                BodyKind::kSmall,
                "A provider's local codes, their NICIP codes and where each stands"});
    routes.Add({"POST",
                "/providers/{organisation}/local-codes",
                {Audience::kRoles, SubmitterRoles(), "organisation", false, true},
                Notify,
                BodyKind::kSmall,
                "Notifies a local code and the NICIP code it stands for (audited)"});
}

}  // namespace did::http
