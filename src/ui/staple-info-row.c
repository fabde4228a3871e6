/* SPDX-License-Identifier: GPL-3.0-or-later */
/* staple-info-row.c: a read-only row of a boxed list, as AdwActionRow draws
 * it (a title, a dimmer subtitle below it, widgets before and after), laid
 * out at the cost of its text alone.
 *
 * AdwActionRow puts its title and subtitle in a GtkBox inside its
 * horizontal header box, which asks that column for its width at every
 * height it is allocated at; the Close page's fifty rows spent some 1,200
 * Pango layouts in a window's first frame answering (see
 * staple-text-column.c). This row is made of the same nodes with the same
 * style classes (row > box.header > box.title > label.title,
 * label.subtitle), so the theme draws it alike, with a StapleTextColumn for
 * the text. The text is shown as it is, never as markup.
 */
#define G_LOG_DOMAIN "staple-info-row"

#include "config.h"

#include "staple-info-row.h"
#include "staple-label.h"
#include "staple-text-column.h"

struct _StapleInfoRow
{
  AdwPreferencesRow parent_instance;

  GtkWidget *prefixes;
  GtkWidget *suffixes;
};

G_DEFINE_FINAL_TYPE (StapleInfoRow, staple_info_row, ADW_TYPE_PREFERENCES_ROW)

static GtkWidget *
text_label (const char *text,
            const char *css_class,
            int         lines)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  staple_label_set_wrap (GTK_LABEL (label));
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  if (lines > 0)
    {
      gtk_label_set_lines (GTK_LABEL (label), lines);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
    }
  gtk_widget_add_css_class (label, css_class);
  return label;
}

static void
staple_info_row_class_init (StapleInfoRowClass *klass)
{
}

static void
staple_info_row_init (StapleInfoRow *self)
{
  GtkWidget *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);

  gtk_widget_add_css_class (header, "header");
  gtk_widget_set_valign (header, GTK_ALIGN_CENTER);
  self->prefixes = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  gtk_widget_add_css_class (self->prefixes, "prefixes");
  gtk_widget_set_visible (self->prefixes, FALSE);
  self->suffixes = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  gtk_widget_add_css_class (self->suffixes, "suffixes");
  gtk_widget_set_visible (self->suffixes, FALSE);
  gtk_box_append (GTK_BOX (header), self->prefixes);
  gtk_box_append (GTK_BOX (header), self->suffixes);

  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (self), FALSE);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (self), header);
}

/**
 * staple_info_row_new:
 * @title: the row's text, shown as it is
 * @subtitle: (nullable): a line of detail below it
 * @lines: at most this many lines of each, the rest ellipsized; 0 for all
 *
 * Returns: (transfer floating): a row that cannot be activated
 */
GtkWidget *
staple_info_row_new (const char *title,
                     const char *subtitle,
                     int         lines)
{
  StapleInfoRow *self;
  GtkWidget *column;
  GtkWidget *title_label;

  g_return_val_if_fail (title != NULL, NULL);

  self = g_object_new (STAPLE_TYPE_INFO_ROW, NULL);
  column = staple_text_column_new (0);
  title_label = text_label (title, "title", lines);
  gtk_widget_add_css_class (column, "title");
  gtk_widget_set_valign (column, GTK_ALIGN_CENTER);
  gtk_widget_set_hexpand (column, TRUE);
  staple_text_column_append (STAPLE_TEXT_COLUMN (column), title_label);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, title_label, NULL, -1);
  if (subtitle != NULL && *subtitle != '\0')
    {
      GtkWidget *subtitle_label = text_label (subtitle, "subtitle", lines);

      staple_text_column_append (STAPLE_TEXT_COLUMN (column), subtitle_label);
      gtk_accessible_update_relation (GTK_ACCESSIBLE (self),
                                      GTK_ACCESSIBLE_RELATION_DESCRIBED_BY, subtitle_label,
                                      NULL, -1);
    }
  gtk_box_insert_child_after (GTK_BOX (gtk_widget_get_parent (self->prefixes)), column,
                              self->prefixes);
  return GTK_WIDGET (self);
}

/**
 * staple_info_row_add_prefix:
 *
 * Puts @widget before the row's text, after the prefixes added before it.
 */
void
staple_info_row_add_prefix (StapleInfoRow *self,
                            GtkWidget     *widget)
{
  g_return_if_fail (STAPLE_IS_INFO_ROW (self));

  gtk_box_append (GTK_BOX (self->prefixes), widget);
  gtk_widget_set_visible (self->prefixes, TRUE);
}

/**
 * staple_info_row_add_suffix:
 *
 * Puts @widget after the row's text, after the suffixes added before it.
 */
void
staple_info_row_add_suffix (StapleInfoRow *self,
                            GtkWidget     *widget)
{
  g_return_if_fail (STAPLE_IS_INFO_ROW (self));

  gtk_box_append (GTK_BOX (self->suffixes), widget);
  gtk_widget_set_visible (self->suffixes, TRUE);
}
