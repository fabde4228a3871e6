/* SPDX-License-Identifier: GPL-3.0-or-later */
/* staple-room-strings: every text of the phone page, translated here.
 *
 * The page (data/room/) carries no words of its own: it fetches this object
 * from the room's /strings path and sets each text with textContent. Words in
 * braces ({n}, {max}, {name}, {code}) are filled in by the page and must stay
 * as they are in translations; numbers are written in the page's language.
 */
#define G_LOG_DOMAIN "staple-room"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "staple-catalogue.h"
#include "staple-enum-types.h"
#include "staple-room-strings.h"

/* Every text below is looked up in the phone's catalogue, not gettext's:
 * _() and C_() keep their usual look for xgettext and take the catalogue of
 * the function they are in (NULL: the app's own language). */
#undef _
#undef C_
#define _(text)          translate (catalogue, NULL, (text))
#define C_(context, text) translate (catalogue, (context), (text))

static const char *
translate (const StapleRoomCatalogue *catalogue,
           const char                *context,
           const char                *text)
{
  if (catalogue != NULL)
    return staple_room_catalogue_lookup (catalogue, context, text);
  return context != NULL ? g_dpgettext2 (GETTEXT_PACKAGE, context, text)
                         : g_dgettext (GETTEXT_PACKAGE, text);
}

static void
add (JsonBuilder *builder,
     const char  *id,
     const char  *text)
{
  json_builder_set_member_name (builder, id);
  json_builder_add_string_value (builder, text);
}

static void
add_page (JsonBuilder               *builder,
         const StapleRoomCatalogue *catalogue)
{
  /* Translators: the language of the room's phone page as a BCP 47 tag,
   * such as “de” or “pt-BR”: the phone picks fonts, hyphens and numbers by it. */
  add (builder, "lang", C_("room page language", "en"));
  /* Translators: “rtl” if your language is written right to left, else “ltr”. */
  add (builder, "dir", C_("room page direction", "ltr"));
  /* Translators: the phone page's title in the browser's tab bar */
  add (builder, "page.title", _("Staple room"));
  add (builder, "status.joining", _("Joining the room…"));
  add (builder, "status.live", _("Connected"));
  add (builder, "status.offline", _("No connection to the room. Trying again…"));
  add (builder, "status.closed",
       _("This room is closed, or the address is not complete. Scan the code on the big "
         "screen again."));
  add (builder, "status.full", _("The room is busy or full. Trying again in a moment…"));
  /* Translators: a heading above the name of the workshop's phase, e.g. “Walk” */
  add (builder, "phase.heading", _("Now"));
  /* Translators: a heading above the name of the stage the room is at */
  add (builder, "stage.heading", _("Stage"));
  add (builder, "stage.none", _("No stage yet"));
  add (builder, "other.follow", _("Follow along on the big screen."));
}

static void
add_walk (JsonBuilder               *builder,
         const StapleRoomCatalogue *catalogue)
{
  add (builder, "walk.heading", _("What gets in the way here?"));
  add (builder, "walk.hint",
       _("Write one friction point at a time: where the work waits, bounces, gets lost or "
         "needs someone’s approval. It goes to the coach’s laptop as a suggestion."));
  /* Translators: the label of the list of stages a friction point is sent for */
  add (builder, "walk.stage", _("For the stage"));
  /* Translators: the label of the box where a participant writes a friction point */
  add (builder, "walk.text", _("Friction point"));
  add (builder, "walk.placeholder",
       _("For example: the order waits two days for a manager’s signature"));
  /* Translators: characters written so far and the most allowed, e.g. “12 / 2,000” */
  add (builder, "walk.count", _("{n} / {max}"));
  add (builder, "walk.send", _("Send"));
  add (builder, "walk.sending", _("Sending…"));
  add (builder, "walk.sent", _("Sent. The coach will see it. Write the next one whenever you like."));
  add (builder, "walk.sent_count", _("Sent from this phone: {n}"));
  add (builder, "walk.kept",
       _("Not sent yet: no connection to the room. Your text stays here and goes as soon as "
         "the connection is back."));
  add (builder, "walk.no_stage", _("The coach has not started the walk yet."));
}

static void
add_vote (JsonBuilder               *builder,
         const StapleRoomCatalogue *catalogue)
{
  add (builder, "vote.heading", _("Place your dots"));
  add (builder, "vote.hint",
       _("Tap a friction point to give it a dot, and again to give it another. Tap − to take "
         "a dot back."));
  add (builder, "vote.who", _("Who are you?"));
  add (builder, "vote.who_hint", _("Pick your name once; this phone then votes for you."));
  add (builder, "vote.as", _("Voting as {name}"));
  /* Translators: a button to pick another participant's name */
  add (builder, "vote.change", _("Not you?"));
  add (builder, "vote.anonymous", _("Voting is anonymous: nobody sees whose dots are whose."));
  add (builder, "vote.left", _("Dots left: {n} of {max}"));
  /* Translators: read out by screen readers on a friction point's button */
  add (builder, "vote.add", _("Give a dot to: {name}"));
  /* Translators: read out by screen readers on the − button of a friction point */
  add (builder, "vote.remove", _("Take a dot back from: {name}"));
  /* Translators: how many of this phone's dots are on a friction point */
  add (builder, "vote.mine", _("Yours: {n}"));
  /* Translators: how many dots the whole room put on a friction point */
  add (builder, "vote.total", _("Room: {n}"));
  add (builder, "vote.send", _("Send my dots"));
  add (builder, "vote.sending", _("Sending…"));
  add (builder, "vote.sent",
       _("Your dots are in. You can change them and send again until voting closes."));
  add (builder, "vote.none_left", _("No dots left. Tap − on a friction point to take one back."));
  add (builder, "vote.unsent", _("Changed since you sent: send again to count."));
  add (builder, "vote.closed", _("Voting is closed."));
  add (builder, "vote.empty", _("There are no friction points to vote on yet."));
}

static void
add_errors (JsonBuilder               *builder,
           const StapleRoomCatalogue *catalogue)
{
  add (builder, "error.bad-request",
       _("The room could not read what this phone sent. Reload the page and try again."));
  add (builder, "error.unknown-device", _("This phone had to join the room again. Try once more."));
  add (builder, "error.wrong-phase", _("The coach has moved to another phase, so this was not taken."));
  add (builder, "error.taken",
       _("Another phone already votes under this name. Pick your own, or ask the coach."));
  add (builder, "error.too-long", _("That is too long: at most {max} characters."));
  add (builder, "error.empty", _("Write something first."));
  add (builder, "error.too-many-dots",
       _("That is more dots than you have. Take some back and send again."));
  add (builder, "error.unknown-id",
       _("Something you chose is no longer there. Check and send again."));
  add (builder, "error.slow-down", _("A lot at once: this phone waits a few seconds and tries again."));
  add (builder, "error.closed", _("The room is closed, so this was not sent."));
  /* Translators: {code} is a short technical code, such as “405” */
  add (builder, "error.other", _("Something went wrong ({code}). Try again."));
  add (builder, "error.retry", _("Try again"));
}

/* The phases' names and purposes, and the kinds of friction, as the window
 * and the presenter screen show them, keyed by the nicks the room's events
 * use: "phase.walk", "phase.walk.about", "kind.policy". */
static void
add_catalogue (JsonBuilder               *builder,
              const StapleRoomCatalogue *catalogue)
{
  g_autoptr(GEnumClass) phases = g_type_class_ref (STAPLE_TYPE_PHASE);
  g_autoptr(GEnumClass) kinds = g_type_class_ref (STAPLE_TYPE_FRICTION_KIND);

  for (guint i = 0; i < phases->n_values; i++)
    {
      const GEnumValue *value = &phases->values[i];
      g_autofree char *name = g_strconcat ("phase.", value->value_nick, NULL);
      g_autofree char *about = g_strconcat (name, ".about", NULL);

      add (builder, name, _(staple_phase_get_english_label (value->value)));
      add (builder, about, _(staple_phase_get_english_purpose (value->value)));
    }
  for (guint i = 0; i < kinds->n_values; i++)
    {
      const GEnumValue *value = &kinds->values[i];
      g_autofree char *name = g_strconcat ("kind.", value->value_nick, NULL);

      add (builder, name, _(staple_friction_kind_get_english_label (value->value)));
    }
}

/**
 * staple_room_strings_json:
 * @catalogue: (nullable): the phone's language (staple_room_languages_choose()),
 *   or %NULL for the app's own
 *
 * Gets every text of the room's phone page in that language, as one JSON
 * object from ids to texts, such as `{"walk.send": "Senden", …}`.
 *
 * Returns: (transfer full): the JSON text, UTF-8
 */
char *
staple_room_strings_json (const StapleRoomCatalogue *catalogue)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  add_page (builder, catalogue);
  add_walk (builder, catalogue);
  add_vote (builder, catalogue);
  add_errors (builder, catalogue);
  add_catalogue (builder, catalogue);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}
