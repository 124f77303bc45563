"""A front matter key is missing, unknown, or has a value of the wrong type.

The front matter is validated against the JSON Schema the profile names
(``schemas/gov-info-disclosure.frontmatter.schema.json`` for annual reports). A wrong value is
reported at the value, an unknown key at the key, a missing key at the opening ``---``.
Common mistakes: ``year: "2024"`` (a string: write ``year: 2024``), ``edition: 2021`` (a number:
write ``edition: "2021"``), ``published: 2025-2-25`` (write ``2025-02-25``).
"""
import json
from functools import lru_cache

from reportlint.api import certainly_valid, finding

CODE = "FM003"
NAME = "front-matter-schema"
SUMMARY = "Front matter does not match the profile's schema"
SUMMARY_ZH = "前置元数据不符合报告类型的模式"
SEVERITY = "error"

_TYPES_ZH = {"string": "字符串", "integer": "整数", "number": "数字", "boolean": "布尔值", "object": "映射",
             "array": "列表", "null": "空值", "binary data": "二进制数据",
             "a value of another YAML type": "其他 YAML 类型的值"}


@lru_cache(maxsize=None)
def _schema(path):
    return json.loads(path.read_text(encoding="utf-8"))


@lru_cache(maxsize=None)
def _validator(path):
    import jsonschema

    return jsonschema.Draft202012Validator(_schema(path), format_checker=jsonschema.FormatChecker())


def _type_name(value):
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    if isinstance(value, dict):
        return "object"
    if isinstance(value, (bytes, bytearray)):
        return "binary data"
    return "null" if value is None else "a value of another YAML type"  # never a Python class name


def check(doc, profile, options):
    fm = doc.front_matter
    if fm is None or fm.error is not None or fm.data is None or profile.profile.front_matter_schema is None:
        return
    if certainly_valid(_schema(profile.profile.front_matter_schema), fm.data):
        return  # proven valid without importing jsonschema (the usual case: ~80 ms saved)
    validator = _validator(profile.profile.front_matter_schema)
    props = validator.schema.get("properties", {})
    missing = [k for k in validator.schema.get("required", []) if k not in fm.data]
    if missing:
        en = ", ".join(f"'{k}' ({props.get(k, {}).get('description', '')})" for k in missing)
        zh = "、".join(f"'{k}'（{props.get(k, {}).get('x-zh', props.get(k, {}).get('description', ''))}）" for k in missing)
        yield finding(fm.span, f"front matter is missing the key{'s' if len(missing) > 1 else ''} {en}",
                      f"前置元数据缺少键 {zh}", data={"keys": missing})
    for err in sorted(validator.iter_errors(fm.data), key=lambda e: (list(map(str, e.absolute_path)), e.validator)):
        path = tuple(err.absolute_path)
        key = str(path[0]) if path else None
        prop = props.get(key, {}) if key else {}
        hint_en = prop.get("description", "")
        hint_zh = prop.get("x-zh", hint_en)
        v = err.validator
        if len(path) > 1:  # inside a list or mapping (``revised``): name the item, e.g. revised[0].date
            key = key + "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in path[1:])
        if v == "required" and path:  # a key missing inside an item: every missing key of it
            missing = [k for k in err.validator_value if k not in err.instance]
            yield finding(fm.value_span(*path), f"'{key}' is missing {', '.join(repr(k) for k in missing)}"
                          + (f" — {hint_en}" if hint_en else ""),
                          f"'{key}' 缺少 {'、'.join(repr(k) for k in missing)}" + (f"——{hint_zh}" if hint_zh else ""),
                          data={"key": key, "keys": missing})
            continue
        if v == "required":
            continue  # all missing keys were reported together, above
        elif v == "additionalProperties":
            allowed = set(err.schema.get("properties", {})) if path else set(props)
            for extra in sorted(set(err.instance) - allowed):
                name = f"{key}.{extra}" if path else extra
                yield finding(fm.key_span(*path, extra),
                              f"unknown front matter key '{name}'; known keys: {', '.join(sorted(allowed))}",
                              f"未知的前置元数据键 '{name}'；可用的键：{', '.join(sorted(allowed))}",
                              data={"key": name})
        else:
            at = fm.value_span(*path) if path else fm.span
            shown = json.dumps(err.instance, ensure_ascii=False, default=str)
            if v == "type" and err.instance is None:
                en, zh = f"'{key}' is empty", f"'{key}' 为空"  # ``published:`` with nothing after it
            elif v == "type":
                want = err.validator_value
                want_en = want if isinstance(want, str) else " or ".join(want)
                want_zh = _TYPES_ZH.get(want, want) if isinstance(want, str) else "或".join(_TYPES_ZH.get(w, w) for w in want)
                got = _type_name(err.instance)
                en = f"'{key}' must be {'an' if want_en[0] in 'aeiou' else 'a'} {want_en}, not {got} {shown}"
                zh = f"'{key}' 应为{want_zh}，而不是{_TYPES_ZH.get(got, got)} {shown}"
            elif v in ("enum", "const"):
                allowed = err.validator_value if v == "enum" else [err.validator_value]
                listed = ", ".join(json.dumps(a, ensure_ascii=False) for a in allowed)
                en = f"'{key}' is {shown}; it must be one of {listed}"
                zh = f"'{key}' 的值 {shown} 无效，应为以下之一：{listed}"
            elif v == "format":
                en = f"'{key}' is {shown}, not a valid {err.validator_value} (YYYY-MM-DD)"
                zh = f"'{key}' 的值 {shown} 不是有效的日期（YYYY-MM-DD）"
            elif v in ("minimum", "maximum"):
                en = f"'{key}' is {shown}, {'below the minimum' if v == 'minimum' else 'above the maximum'} {err.validator_value}"
                zh = f"'{key}' 的值 {shown} {'小于最小值' if v == 'minimum' else '大于最大值'} {err.validator_value}"
            elif v == "minLength":
                en, zh = f"'{key}' must not be empty", f"'{key}' 不能为空"
            else:
                en = zh = f"'{key}': {err.message}"
            if hint_en:
                en += f" — {hint_en}"
                zh += f"——{hint_zh}"
            yield finding(at, en, zh, data={"key": key})
