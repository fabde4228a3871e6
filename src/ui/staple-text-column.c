/* SPDX-License-Identifier: GPL-3.0-or-later */
/* staple-text-column.c: a column of wrapped labels beside other widgets in a
 * row, whose width does not depend on its height.
 *
 * A horizontal GtkBox allocates its children by asking each for its width
 * at the box's height. A vertical GtkBox of wrapped labels answers that by
 * searching, label by label, for the narrowest width at which the text still
 * fits that height: some ten Pango layouts of each label on every allocation
 * at a new height, and a window's first frame allocates at several. Text in a
 * row takes the width it is given and grows downwards, so asked for its width
 * at a height, this column gives its width at any height: one layout for the
 * narrowest width, one for the widest, one for each height asked. Otherwise
 * it is a vertical box (CSS name "box", so that a theme's rules for a row's
 * title box apply).
 */
#define G_LOG_DOMAIN "staple-text-column"

#include "config.h"

#include "staple-text-column.h"

struct _StapleTextColumn
{
  GtkWidget         parent_instance;

  /* A box's layout, used by the column's own measure and allocation rather
   * than as its layout manager: GTK asks a widget's layout manager instead
   * of its measure vfunc, and the box's layout would search. */
  GtkLayoutManager *layout;
};

G_DEFINE_FINAL_TYPE (StapleTextColumn, staple_text_column, GTK_TYPE_WIDGET)

static void
staple_text_column_measure (GtkWidget      *widget,
                            GtkOrientation  orientation,
                            int             for_size,
                            int            *minimum,
                            int            *natural,
                            int            *minimum_baseline,
                            int            *natural_baseline)
{
  StapleTextColumn *self = STAPLE_TEXT_COLUMN (widget);

  gtk_layout_manager_measure (self->layout, widget, orientation,
                              orientation == GTK_ORIENTATION_HORIZONTAL ? -1 : for_size,
                              minimum, natural, minimum_baseline, natural_baseline);
}

static void
staple_text_column_size_allocate (GtkWidget *widget,
                                  int        width,
                                  int        height,
                                  int        baseline)
{
  StapleTextColumn *self = STAPLE_TEXT_COLUMN (widget);

  gtk_layout_manager_allocate (self->layout, widget, width, height, baseline);
}

static GtkSizeRequestMode
staple_text_column_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
staple_text_column_dispose (GObject *object)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&STAPLE_TEXT_COLUMN (object)->layout);

  G_OBJECT_CLASS (staple_text_column_parent_class)->dispose (object);
}

static void
staple_text_column_class_init (StapleTextColumnClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = staple_text_column_dispose;
  widget_class->measure = staple_text_column_measure;
  widget_class->size_allocate = staple_text_column_size_allocate;
  widget_class->get_request_mode = staple_text_column_get_request_mode;
  gtk_widget_class_set_css_name (widget_class, "box");
}

static void
staple_text_column_init (StapleTextColumn *self)
{
  self->layout = gtk_box_layout_new (GTK_ORIENTATION_VERTICAL);
}

/**
 * staple_text_column_new:
 * @spacing: the pixels between two children, besides the theme's
 *
 * Returns: (transfer floating): an empty column
 */
GtkWidget *
staple_text_column_new (int spacing)
{
  StapleTextColumn *self = g_object_new (STAPLE_TYPE_TEXT_COLUMN, NULL);

  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (self->layout), spacing);
  return GTK_WIDGET (self);
}

/**
 * staple_text_column_append:
 *
 * Puts @child below the column's other children.
 */
void
staple_text_column_append (StapleTextColumn *self,
                           GtkWidget        *child)
{
  g_return_if_fail (STAPLE_IS_TEXT_COLUMN (self));
  g_return_if_fail (GTK_IS_WIDGET (child) && gtk_widget_get_parent (child) == NULL);

  gtk_widget_insert_before (child, GTK_WIDGET (self), NULL);
}
