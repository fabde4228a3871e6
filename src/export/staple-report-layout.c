/* SPDX-License-Identifier: GPL-3.0-or-later */
/* staple-report-layout.c: the report's page model and how text flows
 * down its pages: the items on a page, text blocks, and tables that
 * break across pages.
 */
#define G_LOG_DOMAIN "staple-report"

#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "staple-report-internal.h"
#include "staple-text.h"

/* Text */

/* How long the list marker at the start of @text is, in bytes: "• " or a
 * number and ". ", as our lists write them; 0 for none. */
static gsize
list_marker_length (const char *text)
{
  const char *p = text;

  if (g_str_has_prefix (text, "• "))
    return strlen ("• ");

  while (g_ascii_isdigit (*p))
    p++;
  if (p > text && p - text <= 3 && p[0] == '.' && p[1] == ' ')
    return (gsize) (p + 2 - text);
  return 0;
}

/* Wrapped lines of a list item line up under its text, not its marker. */
static void
hang_list_marker (PangoLayout *layout,
                  const char  *text)
{
  gsize length = text != NULL ? list_marker_length (text) : 0;
  g_autoptr(PangoLayout) marker = NULL;
  int width;

  if (length == 0)
    return;

  marker = pango_layout_new (pango_layout_get_context (layout));
  pango_layout_set_font_description (marker, pango_layout_get_font_description (layout));
  pango_layout_set_text (marker, text, (int) length);
  pango_layout_get_size (marker, &width, NULL);
  pango_layout_set_indent (layout, -width);
}

/* What of a text goes on paper: no paragraph longer than a few lines of a
 * card's worth, no pile of accents, a few pages in all. Whole, texts the
 * validator accepts took minutes to lay out; the database keeps them whole. */
static char *
bound_for_paper (const char *text)
{
  g_auto(GStrv) paragraphs = g_strsplit (text != NULL ? text : "", "\n", -1);
  GString *out = g_string_new (NULL);
  gsize n_chars = 0;

  for (guint i = 0; paragraphs[i] != NULL; i++)
    {
      g_autofree char *shown = staple_text_bound (paragraphs[i], STAPLE_TEXT_LONG,
                                                  STAPLE_TEXT_BOUND_NONE);

      if (n_chars > MAX_TEXT_CHARS)
        {
          g_string_append (out, "…");
          break;
        }
      if (i > 0)
        g_string_append_c (out, '\n');
      g_string_append (out, shown);
      n_chars += g_utf8_strlen (shown, -1) + 1;
    }

  return g_string_free (out, FALSE);
}

PangoLayout *
_staple_report_make_text (StapleReport *self,
                          const char   *text,
                          double        size,
                          PangoWeight   weight,
                          double        width,
                          double        limit)
{
  PangoLayout *layout = pango_layout_new (self->context);
  PangoFontDescription *font = pango_font_description_from_string (FONT_FAMILY);
  g_autofree char *shown = bound_for_paper (text);

  pango_font_description_set_size (font, (int) round (size * self->text_scale * PANGO_SCALE));
  pango_font_description_set_weight (font, weight);
  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);
  /* The report's reading direction, not the first letter's: a table cell
   * or a line that begins with a Hebrew name stays aligned with the rest
   * of its column and page. The name itself still reads right to left. */
  pango_layout_set_auto_dir (layout, FALSE);

  if (width > 0)
    {
      pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
    }

  /* limit < 0: at most -limit lines a paragraph; limit > 0: at most that
   * many points tall. Either way the cut is marked with an ellipsis. */
  if (limit != 0 && width > 0)
    {
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
      pango_layout_set_height (layout, limit < 0 ? (int) limit : (int) (limit * PANGO_SCALE));
    }

  pango_layout_set_text (layout, shown, -1);
  if (width > 0)
    hang_list_marker (layout, shown);
  return layout;
}

double
_staple_report_text_height (PangoLayout *layout)
{
  PangoRectangle logical;

  pango_layout_get_extents (layout, NULL, &logical);
  return (double) logical.height / PANGO_SCALE;
}

double
_staple_report_text_width (PangoLayout *layout)
{
  PangoRectangle logical;

  pango_layout_get_extents (layout, NULL, &logical);
  return (double) logical.width / PANGO_SCALE;
}

/* Typed line breaks would start paragraphs, which the line limits of the
 * one-page summary count separately. */
char *
_staple_report_one_line (const char *text)
{
  char *flat = g_strdup (text != NULL ? text : "");

  g_strdelimit (flat, "\r\n\t", ' ');
  return g_strstrip (flat);
}

gboolean
_staple_report_is_empty (const char *text)
{
  return text == NULL || *text == '\0';
}

const char *
_staple_report_session_title (StapleReport *self)
{
  const char *title;

  if (self->review_title != NULL)
    return self->review_title;

  title = staple_session_get_title (self->session);

  return _staple_report_is_empty (title) ? _("Untitled session") : title;
}

/* A shape per kind, as on the map's cards: kinds tell apart in greyscale. */
char *
_staple_report_kind_text (StapleFrictionKind kind)
{
  static const char * const glyphs[] = {
    "■", /* policy */
    "▲", /* process */
    "●", /* product */
    "◆", /* trust */
    "✚", /* tools */
    "▮", /* silo */
    "◷", /* time pressure: the map's ⧗ is in no font Debian installs by default */
    "?", /* unclear expectations */
  };
  const char *glyph = (guint) kind < G_N_ELEMENTS (glyphs) ? glyphs[kind] : "";

  return g_strdup_printf ("%s %s", glyph, staple_friction_kind_get_label (kind));
}

char *
_staple_report_severity_text (int severity)
{
  /* Translators: a friction point's severity, e.g. "4 of 5" */
  return g_strdup_printf (_("%d of %d"), severity, STAPLE_SEVERITY_MAX);
}

const char *
_staple_report_stage_name_of (StapleReport   *self,
                              StapleFriction *friction)
{
  StapleStage *stage = g_hash_table_lookup (self->stage_of, friction);

  if (stage == NULL || _staple_report_is_empty (staple_stage_get_name (stage)))
    return _("Unnamed stage");
  return staple_stage_get_name (stage);
}

const char *
_staple_report_owner_name (StapleReport *self,
                           StapleAction *action)
{
  gint64 owner_id = staple_action_get_owner_id (action);
  StapleParticipant *owner = owner_id != 0
                             ? staple_session_find_participant (self->session, owner_id, NULL)
                             : NULL;

  return owner != NULL ? staple_participant_get_name (owner) : _("No owner yet");
}

/* Pages and items */

static void
item_clear (gpointer data)
{
  Item *item = data;

  g_clear_object (&item->layout);
}

void
_staple_report_page_free (gpointer data)
{
  Page *page = data;

  g_array_unref (page->items);
  g_array_unref (page->rows);
  g_free (page);
}

Page *
_staple_report_new_page (StapleReport *self,
                         const char   *outline,
                         gboolean      tile)
{
  Page *page = g_new0 (Page, 1);

  page->items = g_array_new (FALSE, TRUE, sizeof (Item));
  g_array_set_clear_func (page->items, item_clear);
  page->rows = g_array_new (FALSE, FALSE, sizeof (cairo_rectangle_t));
  page->outline = outline;
  page->tile = tile;
  page->width = self->width;
  page->height = self->height;
  g_ptr_array_add (self->pages, page);

  self->page = page;
  self->y = self->top;
  return page;
}

Item *
_staple_report_add_item (StapleReport *self,
                         ItemKind      kind)
{
  Item item = { .kind = kind, .fill = -1 };

  g_assert (self->page != NULL);

  g_array_append_val (self->page->items, item);
  return &g_array_index (self->page->items, Item, self->page->items->len - 1);
}

/* Takes @layout. */
Item *
_staple_report_add_text (StapleReport *self,
                         PangoLayout  *layout,
                         double        x,
                         double        y,
                         double        ink)
{
  Item *item = _staple_report_add_item (self, ITEM_TEXT);

  item->layout = layout;
  item->box = (cairo_rectangle_t) { x, y, 0, 0 };
  item->ink = ink;
  return item;
}

Item *
_staple_report_add_line (StapleReport *self,
                         double        x0,
                         double        y0,
                         double        x1,
                         double        y1,
                         double        line_width,
                         double        ink)
{
  Item *item = _staple_report_add_item (self, ITEM_LINE);

  item->box = (cairo_rectangle_t) { x0, y0, x1 - x0, y1 - y0 };
  item->line_width = line_width;
  item->ink = ink;
  return item;
}

Item *
_staple_report_add_rect (StapleReport *self,
                         double        x,
                         double        y,
                         double        width,
                         double        height,
                         double        fill,
                         double        line_width)
{
  Item *item = _staple_report_add_item (self, ITEM_RECT);

  item->box = (cairo_rectangle_t) { x, y, width, height };
  item->fill = fill;
  item->line_width = line_width;
  item->ink = INK;
  return item;
}

void
_staple_report_add_circle (StapleReport *self,
                           double        x,
                           double        y,
                           double        radius)
{
  Item *item = _staple_report_add_item (self, ITEM_CIRCLE);

  item->box = (cairo_rectangle_t) { x, y, radius, radius };
  item->line_width = 0.8;
  item->ink = INK;
}

/* Flowing text down the pages */

double
_staple_report_body_width (StapleReport *self)
{
  return self->right - self->left;
}

double
_staple_report_body_height (StapleReport *self)
{
  return self->bottom - self->top;
}

/* Starts a new page unless @needed more points fit on this one. A page that
 * is still empty keeps whatever comes, which is cut to a page's height. */
void
_staple_report_flow_need (StapleReport *self,
                          double        needed)
{
  if (self->y + needed > self->bottom && self->y > self->top + 0.5)
    _staple_report_new_page (self, NULL, FALSE);
}

static void
flow_space (StapleReport *self,
            double        space)
{
  if (self->y > self->top + 0.5)
    self->y = MIN (self->y + space, self->bottom);
}

double
_staple_report_flow_text (StapleReport *self,
                          const char   *text,
                          double        size,
                          PangoWeight   weight,
                          double        indent,
                          double        space_before,
                          double        ink)
{
  PangoLayout *layout = _staple_report_make_text (self, text, size, weight,
                                                  _staple_report_body_width (self) - indent,
                                                  _staple_report_body_height (self));
  double height = _staple_report_text_height (layout);

  if (self->y > self->top + 0.5 && self->y + space_before + height > self->bottom)
    _staple_report_new_page (self, NULL, FALSE);
  flow_space (self, space_before);
  _staple_report_add_text (self, layout, self->left + indent, self->y, ink);
  self->y += height;
  return height;
}

/* A section's title on a new page, with a line of introduction. */
void
_staple_report_flow_section (StapleReport *self,
                             const char   *outline,
                             const char   *title,
                             const char   *introduction)
{
  _staple_report_new_page (self, outline, FALSE);
  _staple_report_flow_text (self, title, SIZE_HEADING, PANGO_WEIGHT_BOLD, 0, 0, INK);
  if (introduction != NULL)
    _staple_report_flow_text (self, introduction, SIZE_BODY, PANGO_WEIGHT_NORMAL, 0, 3, DIM);
  self->y += 6;
  _staple_report_add_line (self, self->left, self->y, self->right, self->y, 1.0, INK);
  self->y += 10;
}

/* A heading inside a section, kept with @keep points of what follows. */
void
_staple_report_flow_heading (StapleReport *self,
                             const char   *text,
                             double        keep)
{
  PangoLayout *layout = _staple_report_make_text (self, text, SIZE_SUBHEADING, PANGO_WEIGHT_BOLD,
                                                  _staple_report_body_width (self), -2);
  double height = _staple_report_text_height (layout);

  flow_space (self, 14);
  _staple_report_flow_need (self, height + keep);
  _staple_report_add_text (self, layout, self->left, self->y, INK);
  self->y += height + 4;
}

/* A label and its value side by side, e.g. "Customer   Owner of a café". */
void
_staple_report_flow_pair (StapleReport *self,
                          const char   *label,
                          const char   *value,
                          double        label_width)
{
  double gap = 12;
  PangoLayout *key = _staple_report_make_text (self, label, SIZE_BODY, PANGO_WEIGHT_BOLD,
                                               label_width, -3);
  PangoLayout *text = _staple_report_make_text (self, value, SIZE_BODY, PANGO_WEIGHT_NORMAL,
                                                _staple_report_body_width (self)
                                                - label_width - gap,
                                                _staple_report_body_height (self));
  double height = MAX (_staple_report_text_height (key), _staple_report_text_height (text));

  if (self->y > self->top + 0.5 && self->y + 6 + height > self->bottom)
    _staple_report_new_page (self, NULL, FALSE);
  flow_space (self, 6);
  _staple_report_add_text (self, key, self->left, self->y, DIM);
  _staple_report_add_text (self, text, self->left + label_width + gap, self->y, INK);
  self->y += height;
}

/* Tables that break across pages */

void
_staple_report_table_init (StapleReport      *self,
                           Table             *table,
                           const TableColumn *columns,
                           guint              n_columns,
                           const char        *continued)
{
  double x = self->left;

  g_assert (n_columns <= TABLE_MAX_COLUMNS);

  *table = (Table) { .columns = columns, .n_columns = n_columns, .continued = continued };
  for (guint i = 0; i < n_columns; i++)
    {
      table->x[i] = x;
      table->width[i] = _staple_report_body_width (self) * columns[i].share;
      x += table->width[i];
    }
}

PangoLayout *
_staple_report_cell_text (StapleReport *self,
                          Table        *table,
                          guint         column,
                          const char   *text,
                          PangoWeight   weight,
                          double        limit)
{
  return _staple_report_make_text (self, text, table->size > 0 ? table->size : SIZE_TABLE, weight,
                                   table->width[column] - 2 * CELL_PAD, limit);
}

static void
table_header (StapleReport *self,
              Table        *table,
              gboolean      continued)
{
  PangoLayout *cells[TABLE_MAX_COLUMNS];
  double height = 0;

  if (continued && table->continued != NULL)
    {
      PangoLayout *caption = _staple_report_make_text (self, table->continued,
                                                       table->size > 0 ? table->size : SIZE_SMALL,
                                                       PANGO_WEIGHT_NORMAL,
                                                       _staple_report_body_width (self), -1);

      _staple_report_add_text (self, caption, self->left, self->y, DIM);
      self->y += _staple_report_text_height (caption) + 4;
    }

  for (guint i = 0; i < table->n_columns; i++)
    {
      cells[i] = _staple_report_cell_text (self, table, i, table->columns[i].title,
                                           PANGO_WEIGHT_BOLD, -2);
      height = MAX (height, _staple_report_text_height (cells[i]));
    }
  height += 2 * CELL_PAD;

  _staple_report_add_rect (self, self->left, self->y, _staple_report_body_width (self), height,
                           HEADER_SHADE, 0);
  for (guint i = 0; i < table->n_columns; i++)
    _staple_report_add_text (self, cells[i], table->x[i] + CELL_PAD, self->y + CELL_PAD, INK);
  _staple_report_add_line (self, self->left, self->y + height, self->right, self->y + height,
                           1.0, INK);

  table->header_height = height;
  self->y += height;
  table->first_row_y = self->y;
}

void
_staple_report_table_begin (StapleReport *self,
                            Table        *table)
{
  /* A header alone at the foot of a page is no use: keep a row's worth. */
  _staple_report_flow_need (self, 60);
  table_header (self, table, FALSE);
}

static void
table_break (StapleReport *self,
             Table        *table)
{
  _staple_report_new_page (self, NULL, FALSE);
  table_header (self, table, TRUE);
}

/* A row, each cell in its @weights (NULL: all normal). */
void
_staple_report_table_row_weighted (StapleReport      *self,
                                   Table             *table,
                                   const char *const *texts,
                                   const PangoWeight *weights)
{
  PangoLayout *cells[TABLE_MAX_COLUMNS];
  double height = 0;
  double limit;
  cairo_rectangle_t rect;

  for (guint i = 0; i < table->n_columns; i++)
    {
      cells[i] = _staple_report_cell_text (self, table, i, texts[i],
                                           weights != NULL ? weights[i] : PANGO_WEIGHT_NORMAL, 0);
      height = MAX (height, _staple_report_text_height (cells[i]));
    }
  height += 2 * CELL_PAD;

  /* Rows move whole to the next page. Only a row taller than a page is cut,
   * with an ellipsis, at the foot of a page of its own. */
  if (self->y + height > self->bottom && self->y > table->first_row_y + 0.5)
    table_break (self, table);

  limit = self->bottom - self->y;
  if (height > limit)
    {
      height = 0;
      for (guint i = 0; i < table->n_columns; i++)
        {
          g_object_unref (cells[i]);
          cells[i] = _staple_report_cell_text (self, table, i, texts[i],
                                               weights != NULL ? weights[i] : PANGO_WEIGHT_NORMAL,
                                               limit - 2 * CELL_PAD);
          height = MAX (height, _staple_report_text_height (cells[i]));
        }
      height = MIN (height + 2 * CELL_PAD, limit);
    }

  rect = (cairo_rectangle_t) { self->left, self->y, _staple_report_body_width (self), height };
  if (table->n_rows % 2 == 1)
    _staple_report_add_rect (self, rect.x, rect.y, rect.width, rect.height, SHADE, 0);
  for (guint i = 0; i < table->n_columns; i++)
    {
      Item *item = _staple_report_add_text (self, cells[i], table->x[i] + CELL_PAD,
                                            self->y + CELL_PAD, INK);

      item->clipped = TRUE;
      item->box.width = table->width[i] - 2 * CELL_PAD;
      item->box.height = height - 2 * CELL_PAD;
    }
  _staple_report_add_line (self, self->left, self->y + height, self->right, self->y + height,
                           0.4, RULE);
  g_array_append_val (self->page->rows, rect);

  table->n_rows++;
  self->y += height;
}

void
_staple_report_table_row (StapleReport      *self,
                          Table             *table,
                          const char *const *texts)
{
  _staple_report_table_row_weighted (self, table, texts, NULL);
}
