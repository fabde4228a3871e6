/* SPDX-License-Identifier: GPL-3.0-or-later */
/* staple-label.c: wrapping labels that are measured in one layout.
 *
 * GTK 4.8 finds a wrapping label's natural width by laying its text out
 * again and again, narrower each time, looking for the narrowest width that
 * keeps the fewest lines: some twenty layouts, each shaping the whole text,
 * for every measure. A window of a few dozen such labels (the Close page's
 * summary, the principles' explanations) spent most of its first frame
 * there. Asked for the width of the text on one line instead, a label
 * wraps the same wherever its parent gives it less than that, which is
 * everywhere a paragraph is shown; a text that fits on a line measures the
 * same either way.
 */
#define G_LOG_DOMAIN "staple-label"

#include "config.h"

#include "staple-label.h"
#include "staple-text.h"

#define TOAST_MAX_CHARS 400 /* some seven lines */

/**
 * staple_label_set_wrap:
 *
 * Makes @label wrap its text at word boundaries, measured in one layout
 * (see above).
 */
void
staple_label_set_wrap (GtkLabel *label)
{
  g_return_if_fail (GTK_IS_LABEL (label));

  gtk_label_set_wrap (label, TRUE);
  gtk_label_set_natural_wrap_mode (label, GTK_NATURAL_WRAP_NONE);
}

/**
 * staple_label_tree_quick_wrap:
 * @root: a widget, with the labels a template made inside it (an
 *   #AdwActionRow's title and subtitle, a group's description)
 *
 * Has every wrapping label in @root, @root included, measured in one
 * layout. Labels added to @root later are not changed.
 */
void
staple_label_tree_quick_wrap (GtkWidget *root)
{
  g_return_if_fail (GTK_IS_WIDGET (root));

  if (GTK_IS_LABEL (root) && gtk_label_get_wrap (GTK_LABEL (root)))
    gtk_label_set_natural_wrap_mode (GTK_LABEL (root), GTK_NATURAL_WRAP_NONE);

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    staple_label_tree_quick_wrap (child);
}

/**
 * staple_label_new_toast:
 * @message: plain text, not markup
 *
 * A toast whose message wraps onto more lines rather than being cut short:
 * a refusal says what to do instead, and a toast's own title keeps to one
 * line ("…Um sie mit dem Raum erneut zu bege…").
 *
 * Returns: (transfer full): the toast
 */
AdwToast *
staple_label_new_toast (const char *message)
{
  /* A message may quote what was typed or pasted (100,000 characters):
   * a few lines of it are enough, and wrapping all of it took seconds. */
  g_autofree char *bounded = staple_text_bound (message, TOAST_MAX_CHARS,
                                                STAPLE_TEXT_BOUND_ONE_LINE);
  g_autofree char *escaped = g_markup_escape_text (bounded, -1);
  AdwToast *toast = adw_toast_new (escaped); /* markup in libadwaita 1.2 */
  GtkWidget *label = gtk_label_new (bounded);

  staple_label_set_wrap (GTK_LABEL (label));
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 60);
  gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_CENTER);
  adw_toast_set_custom_title (toast, label);
  return toast;
}
