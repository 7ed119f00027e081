"""One way to render a form page, shared by every app (templates/form.html)."""

from collections.abc import Iterable

from crispy_forms.templatetags.crispy_forms_filters import as_crispy_field
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import Model
from django.forms.widgets import CheckboxInput, Select, Widget
from django.shortcuts import render, resolve_url
from django.urls import reverse
from django.utils.html import conditional_escape, escape
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import SafeString, mark_safe
from django_filters.widgets import BaseCSVWidget

from organisation.outbox import form_errors_response, is_outbox_post


def form_page(request, form, *, title: str, back: str | Model = "", template: str = "form.html", **extra):
    """Render `form` under `title`; "Cancel" goes to `back`: a URL name, a path, or an object's page. A form the
    phone's outbox sent (organisation/outbox.py) is answered with its errors as JSON instead."""
    if is_outbox_post(request):
        return form_errors_response(form)
    back_url = resolve_url(back) if back else ""
    return render(request, template, {"form": form, "title": title, "back_url": back_url, **extra})


def next_or(request, default: str) -> str:
    """The `next` URL of the request if it stays on this site, else `default`."""
    target = request.POST.get("next") or request.GET.get("next")
    # Only a path of this site: redirect() and resolve_url() would read "-1" or "x" as a URL name.
    if (
        target
        and target.startswith("/")
        and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()})
    ):
        return target
    return default


def add_errors(form, error: ValidationError) -> None:
    """Show a service's ValidationError on the form: on the field it names, otherwise above the form."""
    items = error.message_dict.items() if hasattr(error, "error_dict") else [(None, error.messages)]
    for field_name, messages in items:
        form.add_error(field_name if field_name in form.fields else None, messages)


_ANY_PK = 987654321


def link_parts(name: str) -> dict[str, str]:
    """The URL named `name` with one integer argument, reversed once, as the text before and after the
    argument: a page of hundreds of children joins `before`, the pk and `after` instead of a reverse() per link.
    (A dict, not a tuple: a template looks a key up directly, an index only after a failed attribute lookup.)"""
    before, after = reverse(name, args=[_ANY_PK]).split(str(_ANY_PK), 1)
    return {"before": before, "after": after}


# Django's own widget templates, whose markup bootstrap_field writes in Python; any other template (a
# project's own widget, a radio list, a file input) is rendered by crispy-forms as before.
_INPUT_TEMPLATES = frozenset(
    f"django/forms/widgets/{name}.html"
    for name in ("text", "number", "email", "url", "tel", "search", "password", "date", "datetime", "time")
)
_SELECT_TEMPLATE = "django/forms/widgets/select.html"
_OPTION_TEMPLATE = "django/forms/widgets/select_option.html"
_CHECKBOX_TEMPLATE = "django/forms/widgets/checkbox.html"


def _attrs(attrs: dict) -> str:
    """django/forms/widgets/attrs.html: False leaves an attribute out, True writes its name alone."""
    return "".join(
        f" {escape(name)}" if value is True else f' {escape(name)}="{conditional_escape(value)}"'
        for name, value in attrs.items()
        if value is not False
    )


def _widget_html(widget, context: dict) -> str:
    w = context["widget"]
    if widget.template_name == _SELECT_TEMPLATE:
        options = []
        for group_name, group_choices, _index in w["optgroups"]:
            if group_name:
                options.append(f'<optgroup label="{conditional_escape(group_name)}">')
            options.extend(
                f'<option value="{conditional_escape(o["value"])}"{_attrs(o["attrs"])}>'
                f"{conditional_escape(o['label'])}</option>"
                for o in group_choices
            )
            if group_name:
                options.append("</optgroup>")
        return f'<select name="{conditional_escape(w["name"])}"{_attrs(w["attrs"])}>{"".join(options)}</select>'
    value = "" if w["value"] is None else f' value="{conditional_escape(w["value"])}"'
    kind, name = conditional_escape(w["type"]), conditional_escape(w["name"])
    return f'<input type="{kind}" name="{name}"{value}{_attrs(w["attrs"])}>'


def _plain_value(field):
    """The value the widget's own render() hands to its template, or _UNSUPPORTED when that render() is not
    the plain one. django-filter's CSV widgets (the sort) pass one value on as it is and write several
    into a text box instead."""
    widget, value = field.field.widget, field.value()
    if isinstance(widget, BaseCSVWidget):
        if not isinstance(value, Iterable) or isinstance(value, str):
            value = [value]
        return (value[0] if value else "") if len(value) <= 1 else _UNSUPPORTED
    return value if type(widget).render is Widget.render else _UNSUPPORTED


_UNSUPPORTED = object()


def bootstrap_field(field) -> SafeString:
    """`{{ field|bootstrap_field }}`: the markup of crispy-forms' `as_crispy_field` (Bootstrap 5: label
    bound to the input, the widget, its errors and help) for a text box, a select or a checkbox, written
    in Python: crispy-forms and Django's widget templates take a template lookup per attribute and an
    include per option, most of a list page's time when its filter form has nine fields. Every value is
    escaped as the templates escape it; any other widget goes through crispy-forms."""
    widget = field.field.widget
    template = widget.template_name
    supported = (
        template in _INPUT_TEMPLATES
        or template == _CHECKBOX_TEMPLATE
        or (template == _SELECT_TEMPLATE and widget.option_template_name == _OPTION_TEMPLATE)
    )
    value = _plain_value(field) if supported else _UNSUPPORTED
    if value is _UNSUPPORTED or field.is_hidden or field.use_fieldset or getattr(field.form, "helper", None):
        return as_crispy_field(field)

    # crispy-forms' CSS classes: the widget's class name, then Bootstrap's, then is-invalid on an error.
    checkbox = isinstance(widget, CheckboxInput)
    css = widget.attrs.get("class", "")
    class_name = widget.__class__.__name__.lower()
    class_name = getattr(settings, "CRISPY_CLASS_CONVERTERS", {}).get(class_name, class_name)
    if not css:
        css = class_name
    elif class_name not in css:
        css += f" {class_name}"
    bootstrap = "form-check-input" if checkbox else "form-select" if isinstance(widget, Select) else "form-control"
    for name in (bootstrap, "is-invalid") if field.errors else (bootstrap,):
        if name not in css.split():
            css += f" {name}"
    # BoundField.as_widget(): required, aria-invalid, aria-describedby, then the id.
    attrs = field.build_widget_attrs({"class": css}, widget)
    if field.auto_id and "id" not in widget.attrs:
        attrs.setdefault("id", field.auto_id)
    html = _widget_html(widget, widget.get_context(field.html_name, value, attrs))

    auto_id = escape(field.auto_id)
    required = " requiredField" if field.field.required else ""
    asterisk = '<span class="asteriskField">*</span>' if field.field.required else ""
    label = f"{conditional_escape(field.label)}{asterisk}"
    errors = ""
    if field.errors:
        errors = (
            f'<div id="{escape(field.errors.field_id)}_error" class="invalid-feedback">'
            + "".join(
                f'<p id="error_{n}_{auto_id}"><strong>{conditional_escape(error)}</strong></p>'
                for n, error in enumerate(field.errors, start=1)
            )
            + "</div>"
        )
    help_text = ""
    if field.help_text:
        # Help is the developer's text, written unescaped as crispy-forms' `|safe` does.
        help_id = f'id="{auto_id}_helptext" ' if field.auto_id else ""
        help_text = f'<div {help_id}class="form-text">{field.help_text}</div>'
    extra = f" {escape(field.css_classes())}" if field.css_classes() else ""
    if checkbox:
        return mark_safe(
            f'<div class="mb-3"><div id="div_{auto_id}" class="form-check{extra}">{html}'
            f'<label for="{escape(field.id_for_label)}" class="form-check-label{required}">{label}</label>'
            f"{errors}{help_text}</div></div>"
        )
    label_for = f'for="{escape(field.id_for_label)}" ' if field.id_for_label else ""
    label_html = f'<label {label_for}class="form-label{required}">{label}</label>' if field.label else ""
    return mark_safe(f'<div id="div_{auto_id}" class="mb-3{extra}">{label_html}{html}{errors}{help_text}</div>')
