#!/bin/sh
# `meson install` into a scratch prefix gives a launchable app: the program,
# its desktop file, metainfo, icon, schema and example are all in place and
# the installed program runs.
set -eu
build_root=${1:?usage: check-install.sh BUILD_ROOT}
destdir=$(mktemp -d)
trap 'rm -rf "$destdir"' EXIT

meson install -C "$build_root" --no-rebuild --quiet --destdir "$destdir" >/dev/null

prefix=$(meson introspect "$build_root" --buildoptions |
         python3 -c 'import json,sys; print([o["value"] for o in json.load(sys.stdin) if o["name"] == "prefix"][0])')
root="$destdir$prefix"
status=0
for file in bin/staple \
            share/applications/io.github.stapleapp.Staple.desktop \
            share/metainfo/io.github.stapleapp.Staple.metainfo.xml \
            share/glib-2.0/schemas/io.github.stapleapp.Staple.gschema.xml \
            share/icons/hicolor/scalable/apps/io.github.stapleapp.Staple.svg \
            share/icons/hicolor/symbolic/apps/io.github.stapleapp.Staple-symbolic.svg \
            share/mime/packages/io.github.stapleapp.Staple.mime.xml \
            share/staple/example-workshop.json \
            share/locale/de/LC_MESSAGES/staple.mo \
            share/locale/fr/LC_MESSAGES/staple.mo \
            share/help/C/io.github.stapleapp.Staple/index.page \
            share/help/C/io.github.stapleapp.Staple/legal.xml \
            share/help/de/io.github.stapleapp.Staple/index.page \
            share/help/fr/io.github.stapleapp.Staple/index.page; do
  if [ ! -s "$root/$file" ]; then
    echo "not installed: $prefix/$file"
    status=1
  fi
done

grep -q '^Exec=staple' "$root/share/applications/io.github.stapleapp.Staple.desktop" || {
  echo "the desktop file does not launch staple"; status=1; }
grep -q '^MimeType=application/x-staple-session;' \
  "$root/share/applications/io.github.stapleapp.Staple.desktop" || {
  echo "the desktop file does not open .staple files"; status=1; }
if command -v update-mime-database >/dev/null; then
  update-mime-database "$root/share/mime" >/dev/null 2>&1 &&
    grep -q 'application/x-staple-session:\*\.staple' "$root/share/mime/globs2" || {
    echo "the MIME database does not map *.staple to application/x-staple-session"; status=1; }
fi
# The installed program finds its translations where they were installed
# (under the scratch prefix only through the build's own folder, as the
# compiled-in locale folder is the real prefix's).
help=$(LANGUAGE=de LANG=C.UTF-8 STAPLE_LOCALEDIR="$root/share/locale" "$root/bin/staple" --help)
case $help in
  *"Diese Datenbankdatei"*) ;;
  *) echo "the installed German catalogue is not used: staple --help printed: $help"; status=1 ;;
esac

version=$("$root/bin/staple" --version)
[ "$version" = "Staple $(meson introspect "$build_root" --projectinfo |
  python3 -c 'import json,sys; print(json.load(sys.stdin)["version"])')" ] || {
  echo "installed staple --version printed: $version"; status=1; }

exit $status
