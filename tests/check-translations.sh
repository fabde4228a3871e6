#!/bin/sh
# Every translation in po/LINGUAS and help/LINGUAS is complete for today's strings: the
# template made afresh (xgettext with the options of meson's glib preset,
# which po/meson.build uses), merged into each .po, must leave nothing
# untranslated or fuzzy, and msgfmt --check must pass. A string added or
# changed in English fails here until both languages have it: run
# `ninja -C BUILD staple-update-po` and translate what it marks.
set -eu
cd "${1:?usage: check-translations.sh SOURCE_ROOT}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

xgettext --package-name=staple --from-code=UTF-8 --add-comments \
  --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 --keyword=g_dcgettext:2 \
  --keyword=g_dngettext:2,3 --keyword=g_dpgettext2:2c,3 --flag=N_:1:pass-c-format \
  --flag=C_:2:pass-c-format --flag=NC_:2:pass-c-format --flag=g_dngettext:2:pass-c-format \
  --flag=g_strdup_printf:1:c-format --flag=g_string_printf:2:c-format \
  --flag=g_string_append_printf:2:c-format --flag=g_error_new:3:c-format \
  --flag=g_set_error:4:c-format --flag=g_markup_printf_escaped:1:c-format \
  --flag=g_log:3:c-format --flag=g_print:1:c-format --flag=g_printerr:1:c-format \
  --flag=g_printf:1:c-format --flag=g_fprintf:2:c-format --flag=g_sprintf:2:c-format \
  --flag=g_snprintf:3:c-format --files-from=po/POTFILES.in -o "$work/staple.pot"

status=0
for language in $(grep -v '^#' po/LINGUAS); do
  msgmerge --quiet --no-fuzzy-matching "po/$language.po" "$work/staple.pot" -o "$work/$language.po"
  statistics=$(msgfmt --check --statistics -o /dev/null "$work/$language.po" 2>&1) || status=1
  echo "po/$language.po: $statistics"
  case $statistics in
    *untranslated*|*fuzzy*) status=1
      msgattrib --untranslated --only-fuzzy "$work/$language.po" 2>/dev/null | grep '^msgid' | head -5
      msgattrib --untranslated "$work/$language.po" | grep '^msgid' | sed 1d | head -10 ;;
  esac
done
# The manual likewise (help/LANG/LANG.po against the pages' messages).
if command -v itstool >/dev/null; then
  itstool -o "$work/help.pot" help/C/*.page help/C/legal.xml
  for language in $(grep -v '^#' help/LINGUAS); do
    msgmerge --quiet --no-fuzzy-matching "help/$language/$language.po" "$work/help.pot" \
      -o "$work/help-$language.po"
    statistics=$(msgfmt --check --statistics -o /dev/null "$work/help-$language.po" 2>&1) || status=1
    echo "help/$language/$language.po: $statistics"
    case $statistics in
      *untranslated*|*fuzzy*) status=1
        msgattrib --untranslated "$work/help-$language.po" | grep '^msgid' | sed 1d | head -10 ;;
    esac
  done
fi
exit $status
