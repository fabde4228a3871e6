/* SPDX-License-Identifier: GPL-3.0-or-later */
/* staple-report.c: the journey map and the workshop report on paper.
 *
 * staple_report_new lays every page out once into a display list — text
 * layouts, rules, boxes and placements of the map — with Pango on a context
 * of our own with hinting off. staple_report_draw_page replays one page into
 * any cairo_t, so the PDF file and the GTK print operation break pages in
 * the same places and show the same text. The map itself is drawn by the
 * map renderer, never here.
 */
#define G_LOG_DOMAIN "staple-report"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <langinfo.h>
#include <math.h>
#include <string.h>
#include <unistd.h>
#include <cairo-pdf.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <pango/pangocairo.h>

#include "staple-catalogue.h"
#include "staple-export.h"
#include "staple-map-marks.h"
#include "staple-report.h"
#include "staple-report-private.h"
#include "staple-summary.h"
#include "staple-text.h"

#define PT_PER_MM        (72.0 / 25.4)
#define FONT_FAMILY      "Cantarell, DejaVu Sans, sans-serif"
#define PRINT_DPI        300.0 /* what the map's level of detail assumes */
#define MIN_MARGIN_MM    5.0   /* room for the footer, the tile index and cut marks */
#define MAX_POSTER_SIDE  100   /* tiles across or down: 10,000 pages at most */
#define MAX_TEXT_CHARS   (20 * STAPLE_TEXT_LONG) /* of one text block: a few pages */

/* Type sizes, in points. */
#define SIZE_TITLE       24.0
#define SIZE_HEADING     16.0
#define SIZE_SUBHEADING  11.5
#define SIZE_BODY         9.5
#define SIZE_TABLE        8.5
#define SIZE_SMALL        7.5

/* Greys: 0 is black. Everything must read on a black-and-white printer. */
#define INK               0.0
#define DIM               0.35
#define RULE              0.55
#define SHADE             0.93
#define HEADER_SHADE      0.84

#define CELL_PAD          4.0
#define FOOTER_GAP        8.0
#define SUMMARY_MIN_SCALE 0.7

typedef enum
{
  ITEM_TEXT,
  ITEM_LINE,
  ITEM_RECT,
  ITEM_CIRCLE,
  ITEM_MAP,
} ItemKind;

/* One thing drawn on a page, in points from the page's top left. */
typedef struct
{
  ItemKind          kind;
  /* TEXT: where the layout goes, and the clip when clipped;
   * LINE: from (x, y), by (width, height); RECT: the box;
   * CIRCLE: centre (x, y) and radius width; MAP: the clip. */
  cairo_rectangle_t box;
  double            ink;
  double            fill;       /* RECT: grey, or < 0 for none */
  double            line_width; /* LINE, RECT, CIRCLE: 0 for no stroke */
  gboolean          dashed;
  gboolean          clipped;    /* TEXT */
  PangoLayout      *layout;     /* TEXT */
  double            map_x;      /* MAP: where the map's origin goes */
  double            map_y;
  double            map_scale;
} Item;

typedef struct
{
  GArray     *items;   /* Item */
  GArray     *rows;    /* cairo_rectangle_t: table rows, for the tests */
  const char *outline; /* the section starting here, for the PDF's outline */
  gboolean    tile;    /* a poster tile: no footer */
  double      width;   /* the paper, in points: after a poster, the report's */
  double      height;
} Page;

typedef struct
{
  const char *title;
  double      share; /* of the body's width */
} TableColumn;

#define TABLE_MAX_COLUMNS 9

typedef struct
{
  const TableColumn *columns;
  guint              n_columns;
  const char        *continued; /* the caption over the header on later pages */
  double             size;      /* of the cells' text; 0 for SIZE_TABLE */
  double             x[TABLE_MAX_COLUMNS];
  double             width[TABLE_MAX_COLUMNS];
  double             header_height;
  double             first_row_y; /* where rows start on the current page */
  guint              n_rows;
} Table;

struct _StapleReport
{
  GObject              parent_instance;

  StapleSession       *session;
  StapleReportOptions  options;
  double               width;   /* the paper, in points */
  double               height;
  double               margin;

  PangoContext        *context;
  StapleMapLayout     *map;
  GHashTable          *stage_of; /* StapleFriction → StapleStage, both borrowed */
  GPtrArray           *pages;    /* Page */

  /* While paginating: the page being filled and the body's box on it. */
  Page                *page;
  double               left;
  double               right;
  double               top;
  double               bottom;
  double               y;
  double               text_scale;
};

G_DEFINE_FINAL_TYPE (StapleReport, staple_report, G_TYPE_OBJECT)

/* Paper */

static const struct
{
  const char *name;
  double      width;
  double      height;
} papers[] = {
  [STAPLE_PAPER_A4]      = { "a4", 595.28, 841.89 },
  [STAPLE_PAPER_A3]      = { "a3", 841.89, 1190.55 },
  [STAPLE_PAPER_LETTER]  = { "letter", 612.0, 792.0 },
  [STAPLE_PAPER_TABLOID] = { "tabloid", 792.0, 1224.0 },
  [STAPLE_PAPER_A1]      = { "a1", 1683.78, 2383.94 },
  [STAPLE_PAPER_A0]      = { "a0", 2383.94, 3370.39 },
};
G_STATIC_ASSERT (G_N_ELEMENTS (papers) == STAPLE_PAPER_A0 + 1);

/**
 * staple_report_options_init:
 * @options: (out caller-allocates): the options to fill in
 *
 * The whole report on A4 landscape, 12 mm margins, the map fitted to one
 * page; for a poster, 10 mm overlaps and cut marks.
 */
void
staple_report_options_init (StapleReportOptions *options)
{
  g_return_if_fail (options != NULL);

  *options = (StapleReportOptions) {
    .kind = STAPLE_REPORT_FULL,
    .paper = STAPLE_PAPER_A4,
    .orientation = STAPLE_ORIENTATION_LANDSCAPE,
    .margin_mm = 12,
    .poster_columns = 1,
    .poster_rows = 1,
    .overlap_mm = 10,
    .cut_marks = TRUE,
  };
}

/**
 * staple_paper_from_string:
 * @name: "a4", "a3", "letter", "tabloid", "a1" or "a0", in any case
 * @paper: (out) (optional): the paper
 *
 * Returns: whether @name names a paper
 */
gboolean
staple_paper_from_string (const char  *name,
                          StaplePaper *paper)
{
  g_return_val_if_fail (name != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (papers); i++)
    {
      if (g_ascii_strcasecmp (name, papers[i].name) == 0)
        {
          if (paper != NULL)
            *paper = (StaplePaper) i;
          return TRUE;
        }
    }

  return FALSE;
}

/**
 * staple_paper_get_size:
 * @paper: the paper
 * @orientation: which way up
 * @width_pt: (out): the width in points
 * @height_pt: (out): the height in points
 *
 * The size of @paper turned to @orientation.
 */
void
staple_paper_get_size (StaplePaper        paper,
                       StapleOrientation  orientation,
                       double            *width_pt,
                       double            *height_pt)
{
  guint index = (guint) paper < G_N_ELEMENTS (papers) ? (guint) paper : STAPLE_PAPER_A4;
  double width = papers[index].width;
  double height = papers[index].height;

  g_return_if_fail (width_pt != NULL && height_pt != NULL);

  if (orientation == STAPLE_ORIENTATION_LANDSCAPE)
    {
      *width_pt = height;
      *height_pt = width;
    }
  else
    {
      *width_pt = width;
      *height_pt = height;
    }
}

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

static PangoLayout *
make_text (StapleReport *self,
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

static double
text_height (PangoLayout *layout)
{
  PangoRectangle logical;

  pango_layout_get_extents (layout, NULL, &logical);
  return (double) logical.height / PANGO_SCALE;
}

static double
text_width (PangoLayout *layout)
{
  PangoRectangle logical;

  pango_layout_get_extents (layout, NULL, &logical);
  return (double) logical.width / PANGO_SCALE;
}

/* Typed line breaks would start paragraphs, which the line limits of the
 * one-page summary count separately. */
static char *
one_line (const char *text)
{
  char *flat = g_strdup (text != NULL ? text : "");

  g_strdelimit (flat, "\r\n\t", ' ');
  return g_strstrip (flat);
}

static gboolean
is_empty (const char *text)
{
  return text == NULL || *text == '\0';
}

static const char *
session_title (StapleReport *self)
{
  const char *title = staple_session_get_title (self->session);

  return is_empty (title) ? _("Untitled session") : title;
}

/* A shape per kind, as on the map's cards: kinds tell apart in greyscale. */
static char *
kind_text (StapleFrictionKind kind)
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

static char *
severity_text (int severity)
{
  /* Translators: a friction point's severity, e.g. "4 of 5" */
  return g_strdup_printf (_("%d of %d"), severity, STAPLE_SEVERITY_MAX);
}

static const char *
stage_name_of (StapleReport   *self,
               StapleFriction *friction)
{
  StapleStage *stage = g_hash_table_lookup (self->stage_of, friction);

  if (stage == NULL || is_empty (staple_stage_get_name (stage)))
    return _("Unnamed stage");
  return staple_stage_get_name (stage);
}

static const char *
owner_name (StapleReport *self,
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

static void
page_free (gpointer data)
{
  Page *page = data;

  g_array_unref (page->items);
  g_array_unref (page->rows);
  g_free (page);
}

static Page *
new_page (StapleReport *self,
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

static Item *
add_item (StapleReport *self,
          ItemKind      kind)
{
  Item item = { .kind = kind, .fill = -1 };

  g_assert (self->page != NULL);

  g_array_append_val (self->page->items, item);
  return &g_array_index (self->page->items, Item, self->page->items->len - 1);
}

/* Takes @layout. */
static Item *
add_text (StapleReport *self,
          PangoLayout  *layout,
          double        x,
          double        y,
          double        ink)
{
  Item *item = add_item (self, ITEM_TEXT);

  item->layout = layout;
  item->box = (cairo_rectangle_t) { x, y, 0, 0 };
  item->ink = ink;
  return item;
}

static Item *
add_line (StapleReport *self,
          double        x0,
          double        y0,
          double        x1,
          double        y1,
          double        line_width,
          double        ink)
{
  Item *item = add_item (self, ITEM_LINE);

  item->box = (cairo_rectangle_t) { x0, y0, x1 - x0, y1 - y0 };
  item->line_width = line_width;
  item->ink = ink;
  return item;
}

static Item *
add_rect (StapleReport *self,
          double        x,
          double        y,
          double        width,
          double        height,
          double        fill,
          double        line_width)
{
  Item *item = add_item (self, ITEM_RECT);

  item->box = (cairo_rectangle_t) { x, y, width, height };
  item->fill = fill;
  item->line_width = line_width;
  item->ink = INK;
  return item;
}

static void
add_circle (StapleReport *self,
            double        x,
            double        y,
            double        radius)
{
  Item *item = add_item (self, ITEM_CIRCLE);

  item->box = (cairo_rectangle_t) { x, y, radius, radius };
  item->line_width = 0.8;
  item->ink = INK;
}

/* Flowing text down the pages */

static double
body_width (StapleReport *self)
{
  return self->right - self->left;
}

static double
body_height (StapleReport *self)
{
  return self->bottom - self->top;
}

/* Starts a new page unless @needed more points fit on this one. A page that
 * is still empty keeps whatever comes, which is cut to a page's height. */
static void
flow_need (StapleReport *self,
           double        needed)
{
  if (self->y + needed > self->bottom && self->y > self->top + 0.5)
    new_page (self, NULL, FALSE);
}

static void
flow_space (StapleReport *self,
            double        space)
{
  if (self->y > self->top + 0.5)
    self->y = MIN (self->y + space, self->bottom);
}

static double
flow_text (StapleReport *self,
           const char   *text,
           double        size,
           PangoWeight   weight,
           double        indent,
           double        space_before,
           double        ink)
{
  PangoLayout *layout = make_text (self, text, size, weight, body_width (self) - indent,
                                   body_height (self));
  double height = text_height (layout);

  if (self->y > self->top + 0.5 && self->y + space_before + height > self->bottom)
    new_page (self, NULL, FALSE);
  flow_space (self, space_before);
  add_text (self, layout, self->left + indent, self->y, ink);
  self->y += height;
  return height;
}

/* A section's title on a new page, with a line of introduction. */
static void
flow_section (StapleReport *self,
              const char   *outline,
              const char   *title,
              const char   *introduction)
{
  new_page (self, outline, FALSE);
  flow_text (self, title, SIZE_HEADING, PANGO_WEIGHT_BOLD, 0, 0, INK);
  if (introduction != NULL)
    flow_text (self, introduction, SIZE_BODY, PANGO_WEIGHT_NORMAL, 0, 3, DIM);
  self->y += 6;
  add_line (self, self->left, self->y, self->right, self->y, 1.0, INK);
  self->y += 10;
}

/* A heading inside a section, kept with @keep points of what follows. */
static void
flow_heading (StapleReport *self,
              const char   *text,
              double        keep)
{
  PangoLayout *layout = make_text (self, text, SIZE_SUBHEADING, PANGO_WEIGHT_BOLD,
                                   body_width (self), -2);
  double height = text_height (layout);

  flow_space (self, 14);
  flow_need (self, height + keep);
  add_text (self, layout, self->left, self->y, INK);
  self->y += height + 4;
}

/* A label and its value side by side, e.g. "Customer   Owner of a café". */
static void
flow_pair (StapleReport *self,
           const char   *label,
           const char   *value,
           double        label_width)
{
  double gap = 12;
  PangoLayout *key = make_text (self, label, SIZE_BODY, PANGO_WEIGHT_BOLD, label_width, -3);
  PangoLayout *text = make_text (self, value, SIZE_BODY, PANGO_WEIGHT_NORMAL,
                                 body_width (self) - label_width - gap, body_height (self));
  double height = MAX (text_height (key), text_height (text));

  if (self->y > self->top + 0.5 && self->y + 6 + height > self->bottom)
    new_page (self, NULL, FALSE);
  flow_space (self, 6);
  add_text (self, key, self->left, self->y, DIM);
  add_text (self, text, self->left + label_width + gap, self->y, INK);
  self->y += height;
}

/* Tables that break across pages */

static void
table_init (StapleReport      *self,
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
      table->width[i] = body_width (self) * columns[i].share;
      x += table->width[i];
    }
}

static PangoLayout *
cell_text (StapleReport *self,
           Table        *table,
           guint         column,
           const char   *text,
           PangoWeight   weight,
           double        limit)
{
  return make_text (self, text, table->size > 0 ? table->size : SIZE_TABLE, weight,
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
      PangoLayout *caption = make_text (self, table->continued,
                                        table->size > 0 ? table->size : SIZE_SMALL,
                                        PANGO_WEIGHT_NORMAL, body_width (self), -1);

      add_text (self, caption, self->left, self->y, DIM);
      self->y += text_height (caption) + 4;
    }

  for (guint i = 0; i < table->n_columns; i++)
    {
      cells[i] = cell_text (self, table, i, table->columns[i].title, PANGO_WEIGHT_BOLD, -2);
      height = MAX (height, text_height (cells[i]));
    }
  height += 2 * CELL_PAD;

  add_rect (self, self->left, self->y, body_width (self), height, HEADER_SHADE, 0);
  for (guint i = 0; i < table->n_columns; i++)
    add_text (self, cells[i], table->x[i] + CELL_PAD, self->y + CELL_PAD, INK);
  add_line (self, self->left, self->y + height, self->right, self->y + height, 1.0, INK);

  table->header_height = height;
  self->y += height;
  table->first_row_y = self->y;
}

static void
table_begin (StapleReport *self,
             Table        *table)
{
  /* A header alone at the foot of a page is no use: keep a row's worth. */
  flow_need (self, 60);
  table_header (self, table, FALSE);
}

static void
table_break (StapleReport *self,
             Table        *table)
{
  new_page (self, NULL, FALSE);
  table_header (self, table, TRUE);
}

/* A row, each cell in its @weights (NULL: all normal). */
static void
table_row_weighted (StapleReport      *self,
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
      cells[i] = cell_text (self, table, i, texts[i],
                            weights != NULL ? weights[i] : PANGO_WEIGHT_NORMAL, 0);
      height = MAX (height, text_height (cells[i]));
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
          cells[i] = cell_text (self, table, i, texts[i],
                                weights != NULL ? weights[i] : PANGO_WEIGHT_NORMAL,
                                limit - 2 * CELL_PAD);
          height = MAX (height, text_height (cells[i]));
        }
      height = MIN (height + 2 * CELL_PAD, limit);
    }

  rect = (cairo_rectangle_t) { self->left, self->y, body_width (self), height };
  if (table->n_rows % 2 == 1)
    add_rect (self, rect.x, rect.y, rect.width, rect.height, SHADE, 0);
  for (guint i = 0; i < table->n_columns; i++)
    {
      Item *item = add_text (self, cells[i], table->x[i] + CELL_PAD, self->y + CELL_PAD, INK);

      item->clipped = TRUE;
      item->box.width = table->width[i] - 2 * CELL_PAD;
      item->box.height = height - 2 * CELL_PAD;
    }
  add_line (self, self->left, self->y + height, self->right, self->y + height, 0.4, RULE);
  g_array_append_val (self->page->rows, rect);

  table->n_rows++;
  self->y += height;
}

static void
table_row (StapleReport      *self,
           Table             *table,
           const char *const *texts)
{
  table_row_weighted (self, table, texts, NULL);
}

/* The map */

static double
map_zoom (double scale)
{
  return scale * PRINT_DPI / 72.0;
}

static void
add_no_map_note (StapleReport *self)
{
  flow_text (self, _("This session has no stages yet, so there is no map to print."),
             SIZE_BODY, PANGO_WEIGHT_NORMAL, 0, 12, DIM);
}

/* "Title · Organisation · Date", the title in bold, on one line. */
static PangoLayout *
map_title_line (StapleReport *self)
{
  /* Bounded here, so that the bold ends where the title does. */
  g_autofree char *title = staple_text_bound (session_title (self), STAPLE_TEXT_SHORT,
                                              STAPLE_TEXT_BOUND_ONE_LINE);
  g_autofree char *organisation = staple_text_bound (
    staple_session_get_organisation (self->session), STAPLE_TEXT_SHORT,
    STAPLE_TEXT_BOUND_ONE_LINE);
  const char *date = staple_session_get_date (self->session);
  g_autoptr(GString) text = g_string_new (title);
  PangoAttrList *attributes = pango_attr_list_new ();
  PangoAttribute *bold = pango_attr_weight_new (PANGO_WEIGHT_BOLD);
  PangoLayout *layout;

  if (!is_empty (organisation))
    g_string_append_printf (text, " · %s", organisation);
  if (!is_empty (date))
    g_string_append_printf (text, " · %s", date);

  /* On a plotter's A1 or A0 the title grows with the paper, to be read
   * from as far away as the map. */
  layout = make_text (self, text->str, SIZE_SUBHEADING * MAX (sqrt (self->width * self->height /
                                                                   (595.28 * 841.89)), 1),
                      PANGO_WEIGHT_NORMAL, body_width (self), -1);
  bold->start_index = 0;
  bold->end_index = (guint) strlen (title);
  pango_attr_list_insert (attributes, bold);
  pango_layout_set_attributes (layout, attributes);
  pango_attr_list_unref (attributes);
  return layout;
}

/* On paper the map's type is never smaller than this, in points: a card's
 * text and a stage's name, read at arm's length. */
#define MAP_MIN_CARD_PT  8.0
#define MAP_MIN_NAME_PT  10.0
/* The sizes the map layout gives them at its text scale 1, in map units:
 * 10 and 12 points on its Pango context of 96 dpi. */
#define MAP_CARD_UNITS   (10.0 * 96.0 / 72.0)
#define MAP_NAME_UNITS   (12.0 * 96.0 / 72.0)
/* A map of a few stages is not blown up past this, in points of card text,
 * on A4; it grows with the paper as the title does. */
#define MAP_MAX_CARD_PT  16.0
/* A page of the map ends between rows of stages, if that fills this much
 * of it; else between the lanes of a row too tall for a page. */
#define MAP_ROW_BREAK_FILL 0.7

/* The smallest scale, in points a map unit, at which the map can be read. */
static double
map_min_scale (StapleReport *self)
{
  double text_scale = staple_map_layout_get_text_scale (self->map);

  return MAX (MAP_MIN_CARD_PT / (MAP_CARD_UNITS * text_scale),
              MAP_MIN_NAME_PT / (MAP_NAME_UNITS * text_scale));
}

static double
map_max_scale (StapleReport *self)
{
  double text_scale = staple_map_layout_get_text_scale (self->map);

  return MAX (sqrt (self->width * self->height / (595.28 * 841.89)), 1) * MAP_MAX_CARD_PT /
         (MAP_CARD_UNITS * text_scale);
}

/* The blank margin at the map's right, and as much at its left, in map
 * units: a page may cut it off. */
static double
map_side_margin (StapleMapLayout *map)
{
  double right = 0;

  for (guint i = 0; i < staple_map_layout_get_n_columns (map); i++)
    {
      const cairo_rectangle_t *column = &staple_map_layout_get_column (map, i)->column;

      right = MAX (right, column->x + column->width);
    }

  return CLAMP (staple_map_layout_get_width (map) - right, 0,
                staple_map_layout_get_width (map) / 4);
}

/* Where a page of the map may end, in map units down from its top. */
typedef struct
{
  double   y;
  gboolean between_rows; /* else between two lanes of a row */
} MapBreak;

/* Every place a page of the map may end, top to bottom: between rows of
 * stages (in the middle of the gap) and between the lanes of a row; the
 * last is the map's bottom. */
static GArray *
map_breaks (StapleMapLayout *map)
{
  GArray *breaks = g_array_new (FALSE, FALSE, sizeof (MapBreak));
  guint n_rows = staple_map_layout_get_n_rows (map);

  for (guint row = 0; row < n_rows; row++)
    {
      double y, height, next_y;
      MapBreak between;

      for (guint lane = STAPLE_MAP_LANE_HEADER + 1; lane < STAPLE_MAP_N_LANES; lane++)
        {
          MapBreak inside = { 0, FALSE };

          staple_map_layout_get_row_lane (map, row, lane, &inside.y, NULL);
          g_array_append_val (breaks, inside);
        }

      staple_map_layout_get_row_lane (map, row, STAPLE_MAP_LANE_CAUSES, &y, &height);
      if (row + 1 < n_rows)
        {
          staple_map_layout_get_row_lane (map, row + 1, STAPLE_MAP_LANE_HEADER, &next_y, NULL);
          between = (MapBreak) { (y + height + next_y) / 2, TRUE };
        }
      else
        between = (MapBreak) { staple_map_layout_get_height (map), TRUE };
      g_array_append_val (breaks, between);
    }

  return breaks;
}

/* Cuts the map into pages at @scale on a body @height high and says how
 * many: each page ends at the last row break on it if that fills most of
 * it, else at the last break of any kind, else where the page does. When
 * @tops is given, it gets each page's top, and the map's bottom after them,
 * in map units. */
static guint
map_paginate (GArray *breaks,
              double  scale,
              double  height,
              GArray *tops,
              double *last_fill)
{
  double reach = height / scale;
  double top = 0;
  double bottom = g_array_index (breaks, MapBreak, breaks->len - 1).y;
  guint n_pages = 0;

  if (tops != NULL)
    g_array_append_val (tops, top);

  while (bottom - top > 1e-6)
    {
      double last_row = -1, last_any = -1, end;

      for (guint i = 0; i < breaks->len; i++)
        {
          const MapBreak *at = &g_array_index (breaks, MapBreak, i);

          if (at->y <= top + 1e-6)
            continue;
          if (at->y - top > reach + 1e-6)
            break;
          last_any = at->y;
          if (at->between_rows)
            last_row = at->y;
        }

      if (last_row > 0 && (last_row - top) >= reach * MAP_ROW_BREAK_FILL)
        end = last_row;
      else if (last_any > 0)
        end = last_any;
      else
        end = MIN (top + reach, bottom);

      n_pages++;
      if (last_fill != NULL)
        *last_fill = (end - top) / reach;
      top = end;
      if (tops != NULL)
        g_array_append_val (tops, top);
    }

  return n_pages;
}

typedef struct
{
  guint    columns_per_row; /* 0 for one row */
  guint    n_pages;
  double   scale;           /* points a map unit */
  gboolean whole_rows;      /* no row cut between two pages */
  double   last_fill;       /* how much of its last page the map takes */
} MapChoice;

/* Whether @a is a better way to print the map than @b: one that can be
 * read, on the fewest pages, its rows whole, in the largest type. */
static gboolean
map_choice_better (const MapChoice *a,
                   const MapChoice *b,
                   double           min_scale)
{
  gboolean a_readable = a->scale >= min_scale * 0.999;
  gboolean b_readable = b->scale >= min_scale * 0.999;

  if (b->n_pages == 0 || a_readable != b_readable)
    return b->n_pages == 0 || a_readable;
  if (!a_readable)
    return a->scale > b->scale * 1.001;
  if (a->n_pages != b->n_pages)
    return a->n_pages < b->n_pages;
  if (a->whole_rows != b->whole_rows)
    return a->whole_rows;
  /* Not a last page with a sliver of the map. */
  if (fabs (a->last_fill - b->last_fill) > 0.2)
    return a->last_fill > b->last_fill;
  return a->scale > b->scale * 1.001;
}

/* Chooses how many stages a row, and the scale, for map pages whose body
 * is @width × @height (see map_choice_better()), and sets the rows. */
static MapChoice
map_choose_rows (StapleReport *self,
                 double        width,
                 double        height)
{
  guint n = staple_map_layout_get_n_columns (self->map);
  double min_scale = map_min_scale (self);
  double max_scale = map_max_scale (self);
  MapChoice best = { 0, 0, 0, TRUE, 1 };

  for (guint n_rows = 1; n_rows <= n; n_rows++)
    {
      guint per_row = (n + n_rows - 1) / n_rows;
      g_autoptr(GArray) breaks = NULL;
      double map_width, map_height, tallest = 0, row_top = 0, across;
      MapChoice whole = { n_rows > 1 ? per_row : 0, 1, 0, TRUE, 1 };
      MapChoice cut = whole;

      /* Another row count that makes rows this long: the same map. */
      if ((n + per_row - 1) / per_row != n_rows)
        continue;

      staple_map_layout_set_columns_per_row (self->map, whole.columns_per_row);
      map_width = staple_map_layout_get_width (self->map);
      map_height = staple_map_layout_get_height (self->map);
      if (map_width <= 0 || map_height <= 0)
        continue;

      breaks = map_breaks (self->map);
      for (guint i = 0; i < breaks->len; i++)
        {
          const MapBreak *at = &g_array_index (breaks, MapBreak, i);

          if (at->between_rows)
            {
              tallest = MAX (tallest, at->y - row_top);
              row_top = at->y;
            }
        }

      /* On one page; else as wide as the page, its rows whole; else at the
       * smallest type that can be read, rows cut between their lanes. */
      across = MIN (width / (map_width - 2 * map_side_margin (self->map)), max_scale);
      whole.scale = MIN (across, height / map_height);
      if (whole.scale < min_scale)
        {
          whole.scale = MIN (across, height / tallest);
          whole.n_pages = map_paginate (breaks, whole.scale, height, NULL, &whole.last_fill);
        }
      if (map_choice_better (&whole, &best, min_scale))
        best = whole;

      cut.scale = MIN (across, min_scale);
      cut.whole_rows = FALSE;
      cut.n_pages = map_paginate (breaks, cut.scale, height, NULL, &cut.last_fill);
      if (map_choice_better (&cut, &best, min_scale))
        best = cut;

      g_debug ("%u rows of %u: whole %.3f on %u, cut %.3f on %u (readable from %.3f)",
               n_rows, per_row, whole.scale, whole.n_pages, cut.scale, cut.n_pages, min_scale);
    }

  staple_map_layout_set_columns_per_row (self->map, best.columns_per_row);
  return best;
}

static void
add_map_page (StapleReport *self)
{
  double map_width = staple_map_layout_get_width (self->map);
  double map_height = staple_map_layout_get_height (self->map);
  g_autoptr(GArray) tops = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) breaks = NULL;
  double area_top, area_width, area_height;
  MapChoice choice;
  PangoLayout *title;
  guint n_pages;

  if (staple_map_layout_get_n_columns (self->map) == 0 || map_width <= 0 || map_height <= 0)
    {
      new_page (self, _("Journey map"), FALSE);
      title = map_title_line (self);
      add_text (self, title, self->left, self->y, INK);
      self->y += text_height (title) + 10;
      add_no_map_note (self);
      return;
    }

  title = map_title_line (self);
  area_top = self->top + text_height (title) + 10;
  g_object_unref (title);
  area_width = body_width (self);
  area_height = self->bottom - area_top;

  choice = map_choose_rows (self, area_width, area_height);
  map_width = staple_map_layout_get_width (self->map);
  map_height = staple_map_layout_get_height (self->map);
  breaks = map_breaks (self->map);
  n_pages = map_paginate (breaks, choice.scale, area_height, tops, NULL);

  for (guint i = 0; i < n_pages; i++)
    {
      double top = g_array_index (tops, double, i);
      double bottom = g_array_index (tops, double, i + 1);
      Item *item;

      new_page (self, i == 0 ? _("Journey map") : NULL, FALSE);
      title = map_title_line (self);
      add_text (self, title, self->left, self->y, INK);
      if (n_pages > 1)
        {
          /* Translators: beside the title of each page of a map that
           * continues over several pages, e.g. "Map page 2 of 3" */
          g_autofree char *text = g_strdup_printf (_("Map page %u of %u"), i + 1, n_pages);
          PangoLayout *part = make_text (self, text, SIZE_SMALL, PANGO_WEIGHT_NORMAL, 0, 0);

          add_text (self, part, self->right - text_width (part),
                    self->y + text_height (title) - text_height (part), DIM);
          pango_layout_set_width (title, (int) ((area_width - text_width (part) - 12) *
                                                PANGO_SCALE));
          pango_layout_set_ellipsize (title, PANGO_ELLIPSIZE_END);
        }

      item = add_item (self, ITEM_MAP);
      item->map_scale = choice.scale;
      item->map_x = self->left + (area_width - map_width * choice.scale) / 2;
      if (n_pages == 1)
        {
          item->box = (cairo_rectangle_t) { self->left, area_top, area_width, area_height };
          item->map_y = area_top + (area_height - map_height * choice.scale) / 2;
        }
      else
        {
          item->box = (cairo_rectangle_t) { self->left, area_top, area_width,
                                            MIN ((bottom - top) * choice.scale, area_height) };
          item->map_y = area_top - top * choice.scale;
        }
    }
}

/* Column names as on a spreadsheet: A … Z, AA, AB … */
static char *
column_letters (guint column)
{
  GString *letters = g_string_new (NULL);

  column++;
  while (column > 0)
    {
      column--;
      g_string_prepend_c (letters, (char) ('A' + column % 26));
      column /= 26;
    }

  return g_string_free (letters, FALSE);
}

static void
add_cut_marks (StapleReport            *self,
               const cairo_rectangle_t *trim)
{
  double gap = 2.5;
  double length = MIN (self->margin - gap - 1, 6 * PT_PER_MM);
  double xs[2] = { trim->x, trim->x + trim->width };
  double ys[2] = { trim->y, trim->y + trim->height };

  if (length <= 1)
    return;

  /* Hairlines in the margin, in line with the trim edges, never over the map. */
  for (guint i = 0; i < 2; i++)
    for (guint j = 0; j < 2; j++)
      {
        double sx = i == 0 ? -1 : 1;
        double sy = j == 0 ? -1 : 1;

        add_line (self, xs[i] + sx * gap, ys[j], xs[i] + sx * (gap + length), ys[j], 0.3, INK);
        add_line (self, xs[i], ys[j] + sy * gap, xs[i], ys[j] + sy * (gap + length), 0.3, INK);
      }
}

/* Short dashed ticks in the margin where the neighbouring tile's edge lies:
 * lay the next tile's trimmed edge there. */
static void
add_overlap_ticks (StapleReport            *self,
                   const cairo_rectangle_t *trim,
                   double                   overlap,
                   guint                    column,
                   guint                    row,
                   guint                    n_columns,
                   guint                    n_rows)
{
  double length = MIN (self->margin - 3, 4 * PT_PER_MM);
  double top = trim->y, bottom = trim->y + trim->height;
  double left = trim->x, right = trim->x + trim->width;
  double xs[2] = { left + overlap, right - overlap };
  double ys[2] = { top + overlap, bottom - overlap };
  gboolean has_x[2] = { column > 0, column + 1 < n_columns };
  gboolean has_y[2] = { row > 0, row + 1 < n_rows };

  if (overlap <= 0 || length <= 1)
    return;

  for (guint i = 0; i < 2; i++)
    {
      if (has_x[i])
        {
          add_line (self, xs[i], top - 2, xs[i], top - 2 - length, 0.3, DIM)->dashed = TRUE;
          add_line (self, xs[i], bottom + 2, xs[i], bottom + 2 + length, 0.3, DIM)->dashed = TRUE;
        }
      if (has_y[i])
        {
          add_line (self, left - 2, ys[i], left - 2 - length, ys[i], 0.3, DIM)->dashed = TRUE;
          add_line (self, right + 2, ys[i], right + 2 + length, ys[i], 0.3, DIM)->dashed = TRUE;
        }
    }
}

static void
add_tile_index (StapleReport            *self,
                const cairo_rectangle_t *trim,
                double                   overlap,
                guint                    column,
                guint                    row,
                guint                    n_columns,
                guint                    n_rows)
{
  g_autofree char *letters = column_letters (column);
  g_autofree char *text = NULL;
  PangoLayout *layout;
  double height;

  /* Translators: the index printed on each page of a wall poster, e.g.
   * "Tile B2 — column 2 of 3, row 2 of 2 · Session title" */
  text = g_strdup_printf (_("Tile %s%u — column %u of %u, row %u of %u · %s"), letters, row + 1,
                          column + 1, n_columns, row + 1, n_rows, session_title (self));
  layout = make_text (self, text, SIZE_SMALL, PANGO_WEIGHT_NORMAL,
                      trim->width - 2 * (MAX (self->margin, overlap) + 6), -1);
  height = text_height (layout);
  add_text (self, layout, trim->x + MAX (self->margin, overlap) + 6,
            trim->y + trim->height + MAX ((self->margin - height) / 2, 0), INK);
}

/* A poster: its tiles' trimmed areas side by side, each showing a part of
 * the map that ends between stages across, and down between rows, lanes
 * or cards, so that no card, name or header is cut by a tile's edge. All
 * at one scale, chosen with the rows so that the emptiest tile is as full
 * as it can be. */
#define POSTER_MAX_SCALE 50.0 /* points a map unit: far more than any sheet needs */

typedef struct
{
  guint    columns_per_row;
  double   scale;
  double   fill;  /* of the emptiest tile */
  double  *x;     /* n_columns + 1 edges of the tiles' parts, in map units */
  double **y;     /* per tile column, n_rows + 1 */
} PosterPlan;

static void
poster_plan_clear (PosterPlan *plan,
                   guint       n_columns)
{
  for (guint i = 0; plan->y != NULL && i < n_columns; i++)
    g_free (plan->y[i]);
  g_clear_pointer (&plan->y, g_free);
  g_clear_pointer (&plan->x, g_free);
}

static int
compare_cuts (gconstpointer a,
              gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

/* Whether [@start, @end] can be cut at the places in @cuts (ascending)
 * into parts for tiles @tile… at @scale, each no longer than its @room:
 * as much on each as fits. */
static gboolean
poster_fits (GArray       *cuts,
             double        start,
             double        end,
             const double *room,
             guint         tile,
             guint         n_tiles,
             double        scale)
{
  guint next = 0;

  for (; tile < n_tiles; tile++)
    {
      double reach = start + room[tile] / scale;
      double last = -1;

      if (end <= reach + 1e-6)
        return TRUE;

      while (next < cuts->len && g_array_index (cuts, double, next) <= reach + 1e-6)
        {
          if (g_array_index (cuts, double, next) > start + 1e-6)
            last = g_array_index (cuts, double, next);
          next++;
        }
      if (last < 0)
        return FALSE;
      start = last;
    }

  return FALSE;
}

/* The largest scale at which poster_fits(), by bisection. */
static double
poster_best_scale (GArray       *cuts,
                   double        end,
                   const double *room,
                   guint         n_tiles)
{
  double low = 0, high = POSTER_MAX_SCALE;

  if (poster_fits (cuts, 0, end, room, 0, n_tiles, high))
    return high;

  for (guint i = 0; i < 40; i++)
    {
      double middle = (low + high) / 2;

      if (poster_fits (cuts, 0, end, room, 0, n_tiles, middle))
        low = middle;
      else
        high = middle;
    }

  return low;
}

/* Cuts [0, @end] into @n_tiles parts at @scale (at which poster_fits()),
 * each as near an even share of what is left as the cuts allow, into
 * @edges (@n_tiles + 1). */
static void
poster_cut_evenly (GArray       *cuts,
                   double        end,
                   const double *room,
                   guint         n_tiles,
                   double        scale,
                   double       *edges)
{
  double start = 0;

  edges[0] = 0;
  for (guint tile = 0; tile < n_tiles; tile++)
    {
      double reach = start + room[tile] / scale;
      double target = start + (end - start) / (n_tiles - tile);
      double chosen = -1, chosen_distance = G_MAXDOUBLE;

      if (tile + 1 == n_tiles || end <= start + 1e-6)
        {
          edges[tile + 1] = end;
          start = end;
          continue;
        }

      for (guint i = 0; i < cuts->len; i++)
        {
          double at = g_array_index (cuts, double, i);
          double distance = fabs (at - target);

          if (at <= start + 1e-6 || at > reach + 1e-6 || distance >= chosen_distance)
            continue;
          if (poster_fits (cuts, at, end, room, tile + 1, n_tiles, scale))
            {
              chosen = at;
              chosen_distance = distance;
            }
        }

      /* All that is left fits on this tile and no cut shares it out. */
      if (chosen < 0)
        chosen = end;
      edges[tile + 1] = start = chosen;
    }
}

/* Where a tile's part of the map may end across: between two stages in
 * every row, in the middle of the gap. */
static GArray *
poster_column_cuts (StapleMapLayout *map)
{
  GArray *cuts = g_array_new (FALSE, FALSE, sizeof (double));
  guint n = staple_map_layout_get_n_columns (map);

  for (guint i = 0; i + 1 < n; i++)
    {
      const StapleMapColumn *column = staple_map_layout_get_column (map, i);
      const StapleMapColumn *next = staple_map_layout_get_column (map, i + 1);
      gboolean clear = TRUE;
      double x;

      if (next->row != column->row)
        continue;

      x = (column->column.x + column->column.width + next->column.x) / 2;
      for (guint j = 0; j < n && clear; j++)
        {
          const cairo_rectangle_t *other = &staple_map_layout_get_column (map, j)->column;

          clear = x <= other->x || x >= other->x + other->width;
        }
      if (clear)
        g_array_append_val (cuts, x);
    }

  g_array_sort (cuts, compare_cuts);
  return cuts;
}

/* Where a tile's part of the stages between @left and @right may end
 * down: between rows and lanes, and between cards where no card of those
 * stages is cut. */
static GArray *
poster_row_cuts (StapleMapLayout *map,
                 double           left,
                 double           right)
{
  GArray *cuts = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) breaks = map_breaks (map);
  guint n = staple_map_layout_get_n_columns (map);

  for (guint i = 0; i + 1 < breaks->len; i++)
    g_array_append_val (cuts, g_array_index (breaks, MapBreak, i).y);

  for (guint i = 0; i < n; i++)
    {
      const StapleMapColumn *column = staple_map_layout_get_column (map, i);

      if (column->column.x < left - 1e-6 || column->column.x + column->column.width > right + 1e-6)
        continue;

      for (guint j = 0; j + 1 < column->cards->len; j++)
        {
          const cairo_rectangle_t *card = &g_array_index (column->cards, StapleMapCard, j).rect;
          const cairo_rectangle_t *below =
            &g_array_index (column->cards, StapleMapCard, j + 1).rect;
          double y = (card->y + card->height + below->y) / 2;
          gboolean clear = below->y > card->y + card->height;

          for (guint k = 0; k < n && clear; k++)
            {
              const StapleMapColumn *other = staple_map_layout_get_column (map, k);

              if (other->column.x < left - 1e-6 ||
                  other->column.x + other->column.width > right + 1e-6 ||
                  other->row != column->row)
                continue;
              for (guint m = 0; m < other->cards->len && clear; m++)
                {
                  const cairo_rectangle_t *r = &g_array_index (other->cards, StapleMapCard,
                                                               m).rect;

                  clear = y <= r->y || y >= r->y + r->height;
                }
            }
          if (clear)
            g_array_append_val (cuts, y);
        }
    }

  g_array_sort (cuts, compare_cuts);
  return cuts;
}

static void
poster_plan (StapleReport *self,
             const double *widths,
             const double *heights,
             PosterPlan   *best)
{
  guint n_columns = self->options.poster_columns;
  guint n_rows = self->options.poster_rows;
  guint n = staple_map_layout_get_n_columns (self->map);
  g_autofree double *x = g_new (double, n_columns + 1);
  g_autoptr(GPtrArray) y = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < n_columns; i++)
    g_ptr_array_add (y, g_new (double, n_rows + 1));

  *best = (PosterPlan) { 0, 0, -1, g_new0 (double, n_columns + 1),
                         g_new0 (double *, n_columns) };
  for (guint i = 0; i < n_columns; i++)
    best->y[i] = g_new0 (double, n_rows + 1);

  for (guint map_rows = 1; map_rows <= n; map_rows++)
    {
      guint per_row = (n + map_rows - 1) / map_rows;
      guint columns_per_row = map_rows > 1 ? per_row : 0;
      g_autoptr(GArray) column_cuts = NULL;
      g_autoptr(GPtrArray) row_cuts = g_ptr_array_new_with_free_func ((GDestroyNotify)
                                                                      g_array_unref);
      double map_width, map_height, scale, fill = G_MAXDOUBLE;

      if ((n + per_row - 1) / per_row != map_rows)
        continue;

      staple_map_layout_set_columns_per_row (self->map, columns_per_row);
      map_width = staple_map_layout_get_width (self->map);
      map_height = staple_map_layout_get_height (self->map);
      column_cuts = poster_column_cuts (self->map);

      scale = poster_best_scale (column_cuts, map_width, widths, n_columns);
      poster_cut_evenly (column_cuts, map_width, widths, n_columns, scale, x);
      for (guint c = 0; c < n_columns; c++)
        {
          g_ptr_array_add (row_cuts, poster_row_cuts (self->map, x[c], x[c + 1]));
          scale = MIN (scale, poster_best_scale (g_ptr_array_index (row_cuts, c), map_height,
                                                 heights, n_rows));
        }
      if (scale <= 0)
        continue;

      for (guint c = 0; c < n_columns; c++)
        {
          double *ys = g_ptr_array_index (y, c);

          poster_cut_evenly (g_ptr_array_index (row_cuts, c), map_height, heights, n_rows, scale,
                             ys);
          for (guint r = 0; r < n_rows; r++)
            fill = MIN (fill, (x[c + 1] - x[c]) * (ys[r + 1] - ys[r]) * scale * scale /
                              (widths[c] * heights[r]));
        }

      g_debug ("poster: %u rows of %u at %.3f, the emptiest tile %.0f %% full", map_rows, per_row,
               scale, fill * 100);
      if (fill > best->fill + 1e-3 || (fill > best->fill - 1e-3 && scale > best->scale))
        {
          best->columns_per_row = columns_per_row;
          best->scale = scale;
          best->fill = fill;
          memcpy (best->x, x, sizeof (double) * (n_columns + 1));
          for (guint c = 0; c < n_columns; c++)
            memcpy (best->y[c], g_ptr_array_index (y, c), sizeof (double) * (n_rows + 1));
        }
    }

  staple_map_layout_set_columns_per_row (self->map, best->columns_per_row);
}

/* Where a tile's part goes in its room, across or down: against its
 * neighbours, so the pasted poster reads as one map, the spare paper at
 * its edges. */
static double
poster_align (guint index,
              guint n)
{
  if (n == 1 || (index > 0 && index + 1 < n))
    return 0.5;
  return index == 0 ? 1 : 0;
}

static void
add_poster (StapleReport *self)
{
  guint n_columns = self->options.poster_columns;
  guint n_rows = self->options.poster_rows;
  cairo_rectangle_t trim = { self->margin, self->margin, self->width - 2 * self->margin,
                             self->height - 2 * self->margin };
  double overlap = isnan (self->options.overlap_mm)
                   ? 0 : CLAMP (self->options.overlap_mm * PT_PER_MM, 0,
                                MIN (trim.width, trim.height) / 2);
  g_autofree double *widths = g_new (double, n_columns);
  g_autofree double *heights = g_new (double, n_rows);
  gboolean has_map = staple_map_layout_get_n_columns (self->map) > 0 &&
                     staple_map_layout_get_width (self->map) > 0 &&
                     staple_map_layout_get_height (self->map) > 0;
  PosterPlan plan = { 0, 0, 0, NULL, NULL };

  /* What each tile shows is clear of the overlaps: whichever tile lies on
   * top when they are pasted, nothing is shown twice or covered. */
  for (guint column = 0; column < n_columns; column++)
    widths[column] = trim.width - (column > 0 ? overlap : 0) -
                     (column + 1 < n_columns ? overlap : 0);
  for (guint row = 0; row < n_rows; row++)
    heights[row] = trim.height - (row > 0 ? overlap : 0) - (row + 1 < n_rows ? overlap : 0);

  if (has_map)
    poster_plan (self, widths, heights, &plan);

  for (guint row = 0; row < n_rows; row++)
    for (guint column = 0; column < n_columns; column++)
      {
        new_page (self, row == 0 && column == 0 ? _("Journey map") : NULL, TRUE);

        if (has_map && plan.scale > 0)
          {
            double part_width = (plan.x[column + 1] - plan.x[column]) * plan.scale;
            double part_height = (plan.y[column][row + 1] - plan.y[column][row]) * plan.scale;
            double x = trim.x + (column > 0 ? overlap : 0) +
                       (widths[column] - part_width) * poster_align (column, n_columns);
            double y = trim.y + (row > 0 ? overlap : 0) +
                       (heights[row] - part_height) * poster_align (row, n_rows);

            if (part_width > 0 && part_height > 0)
              {
                Item *item = add_item (self, ITEM_MAP);

                item->box = (cairo_rectangle_t) { x, y, part_width, part_height };
                item->map_scale = plan.scale;
                item->map_x = x - plan.x[column] * plan.scale;
                item->map_y = y - plan.y[column][row] * plan.scale;
              }
          }
        else if (row == 0 && column == 0)
          add_no_map_note (self);

        if (self->options.cut_marks)
          {
            add_cut_marks (self, &trim);
            add_overlap_ticks (self, &trim, overlap, column, row, n_columns, n_rows);
          }
        add_tile_index (self, &trim, overlap, column, row, n_columns, n_rows);
      }

  poster_plan_clear (&plan, n_columns);
}

/* The paper of the report's pages after a poster: a desk printer's, A4 or
 * Letter as the locale prints (Letter after a Tabloid poster). */
static StaplePaper
report_paper (StaplePaper poster)
{
#ifdef _NL_PAPER_WIDTH
  union { unsigned int word; char *string; } width, height;
#endif

  if (poster == STAPLE_PAPER_LETTER || poster == STAPLE_PAPER_TABLOID)
    return STAPLE_PAPER_LETTER;

#ifdef _NL_PAPER_WIDTH
  /* In millimetres: 216 × 279 for Letter. */
  width.string = nl_langinfo (_NL_PAPER_WIDTH);
  height.string = nl_langinfo (_NL_PAPER_HEIGHT);
  if (width.word == 216 && height.word == 279)
    return STAPLE_PAPER_LETTER;
#endif

  return STAPLE_PAPER_A4;
}

static gboolean
is_poster (StapleReport *self)
{
  return self->options.poster_columns * self->options.poster_rows > 1;
}

static void
add_map (StapleReport *self)
{
  if (is_poster (self))
    add_poster (self);
  else
    add_map_page (self);
}

/* The report's sections */

static void
add_title_page (StapleReport *self)
{
  StapleSession *session = self->session;
  const struct
  {
    const char *label;
    const char *value;
  } frame[] = {
    { _("Date"), staple_session_get_date (session) },
    { _("Location"), staple_session_get_location (session) },
    { _("Facilitator"), staple_session_get_facilitator (session) },
    { _("Customer"), staple_session_get_customer (session) },
    { _("Piece of work followed"), staple_session_get_work_item (session) },
    { _("Question"), staple_session_get_question (session) },
  };
  GListModel *participants = G_LIST_MODEL (staple_session_get_participants (session));
  guint n_participants = g_list_model_get_n_items (participants);
  const char *organisation = staple_session_get_organisation (session);
  double label_width = MIN (150, body_width (self) * 0.3);

  new_page (self, _("The session"), FALSE);
  flow_text (self, _("Customer journey workshop"), SIZE_BODY, PANGO_WEIGHT_NORMAL, 0, 0, DIM);
  flow_text (self, session_title (self), SIZE_TITLE, PANGO_WEIGHT_BOLD, 0, 4, INK);
  if (!is_empty (organisation))
    flow_text (self, organisation, SIZE_SUBHEADING, PANGO_WEIGHT_NORMAL, 0, 6, INK);
  self->y += 12;
  add_line (self, self->left, self->y, self->right, self->y, 1.0, INK);
  self->y += 8;

  for (guint i = 0; i < G_N_ELEMENTS (frame); i++)
    if (!is_empty (frame[i].value))
      flow_pair (self, frame[i].label, frame[i].value, label_width);

  flow_heading (self, _("Participants"), 30);
  if (n_participants == 0)
    flow_text (self, _("No participants recorded."), SIZE_BODY, PANGO_WEIGHT_NORMAL, 0, 0, DIM);

  for (guint i = 0; i < n_participants; i++)
    {
      g_autoptr(StapleParticipant) participant = g_list_model_get_item (participants, i);
      const char *role = staple_participant_get_role (participant);
      g_autofree char *line = NULL;

      if (is_empty (role))
        line = g_strdup (staple_participant_get_name (participant));
      else
        /* Translators: a participant on the report's title page, "name — role" */
        line = g_strdup_printf (_("%s — %s"), staple_participant_get_name (participant), role);
      flow_text (self, line, SIZE_BODY, PANGO_WEIGHT_NORMAL, 0, 3, INK);
    }
}

static void
add_register (StapleReport *self)
{
  static const TableColumn columns[] = {
    { N_("Stage"), 0.15 },
    { N_("Friction point"), 0.38 },
    { N_("Kind"), 0.13 },
    { N_("Severity"), 0.09 },
    { N_("Principle"), 0.18 },
    { N_("Votes"), 0.07 },
  };
  TableColumn translated[G_N_ELEMENTS (columns)];
  g_autoptr(GPtrArray) ranked = staple_summary_rank_frictions (self->session);
  Table table;

  flow_section (self, _("Friction register"), _("Friction register"),
                _("Every friction point, the most votes first, then the most severe."));

  if (ranked->len == 0)
    {
      flow_text (self, _("No friction points recorded."), SIZE_BODY, PANGO_WEIGHT_NORMAL,
                 0, 0, DIM);
      return;
    }

  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    translated[i] = (TableColumn) { _(columns[i].title), columns[i].share };
  table_init (self, &table, translated, G_N_ELEMENTS (columns),
              _("Friction register, continued"));
  table_begin (self, &table);

  for (guint i = 0; i < ranked->len; i++)
    {
      StapleFriction *friction = g_ptr_array_index (ranked, i);
      g_autofree char *kind = kind_text (staple_friction_get_kind (friction));
      g_autofree char *severity = severity_text (staple_friction_get_severity (friction));
      g_autofree char *votes = g_strdup_printf ("%u", staple_summary_count_votes (self->session,
                                                                                   friction));
      const char *cells[] = {
        stage_name_of (self, friction),
        staple_friction_get_text (friction),
        kind,
        severity,
        staple_principle_get_label (staple_friction_get_principle (friction)),
        votes,
      };

      table_row (self, &table, cells);
    }
}

static void
flow_friction_bullet (StapleReport   *self,
                      StapleFriction *friction)
{
  guint votes = staple_summary_count_votes (self->session, friction);
  g_autofree char *votes_text = g_strdup_printf (ngettext ("%u vote", "%u votes", votes), votes);
  g_autofree char *line = NULL;

  /* Translators: a friction point under its principle: "• text (stage; 3 votes)" */
  line = g_strdup_printf (_("• %s (%s; %s)"), staple_friction_get_text (friction),
                          stage_name_of (self, friction), votes_text);
  flow_text (self, line, SIZE_BODY, PANGO_WEIGHT_NORMAL, 12, 3, INK);
}

static void
flow_principle (StapleReport    *self,
                StaplePrinciple  principle,
                const char      *counts,
                GPtrArray       *ranked)
{
  PangoLayout *explanation = make_text (self, staple_principle_get_explanation (principle),
                                        SIZE_BODY, PANGO_WEIGHT_NORMAL, body_width (self), 0);
  double keep = text_height (explanation) + 30;

  g_object_unref (explanation);
  flow_heading (self, staple_principle_get_label (principle), MIN (keep, 120));
  if (counts != NULL)
    flow_text (self, counts, SIZE_SMALL, PANGO_WEIGHT_NORMAL, 0, 0, DIM);
  flow_text (self, staple_principle_get_explanation (principle), SIZE_BODY, PANGO_WEIGHT_NORMAL,
             0, 4, DIM);
  self->y += 2;

  for (guint i = 0; i < ranked->len; i++)
    {
      StapleFriction *friction = g_ptr_array_index (ranked, i);

      if (staple_friction_get_principle (friction) == principle)
        flow_friction_bullet (self, friction);
    }
}

static void
add_root_causes (StapleReport *self)
{
  g_autoptr(GArray) counts = staple_summary_count_principles (self->session);
  g_autoptr(GPtrArray) ranked = staple_summary_rank_frictions (self->session);
  guint n_unlinked = 0;

  flow_section (self, _("Root causes"), _("Root causes by principle"),
                _("The ways of running the work that let the friction points carry on, "
                  "the most touched first."));

  if (counts->len == 0)
    flow_text (self, _("No friction point is linked to a principle yet."), SIZE_BODY,
               PANGO_WEIGHT_NORMAL, 0, 0, DIM);

  for (guint i = 0; i < counts->len; i++)
    {
      const StaplePrincipleCount *count = &g_array_index (counts, StaplePrincipleCount, i);
      g_autofree char *frictions = g_strdup_printf (ngettext ("%u friction point",
                                                              "%u friction points",
                                                              count->n_frictions),
                                                    count->n_frictions);
      g_autofree char *votes = g_strdup_printf (ngettext ("%u vote", "%u votes", count->n_votes),
                                                count->n_votes);
      g_autofree char *line = NULL;

      /* Translators: under a principle: "3 friction points · 5 votes · highest severity 4 of 5" */
      line = g_strdup_printf (_("%s · %s · highest severity %u of %d"), frictions, votes,
                              count->max_severity, STAPLE_SEVERITY_MAX);
      flow_principle (self, count->principle, line, ranked);
    }

  for (guint i = 0; i < ranked->len; i++)
    if (staple_friction_get_principle (g_ptr_array_index (ranked, i)) == STAPLE_PRINCIPLE_NONE)
      n_unlinked++;

  if (n_unlinked > 0)
    flow_principle (self, STAPLE_PRINCIPLE_NONE, NULL, ranked);
}

static char *
action_frictions_text (StapleReport *self,
                       StapleAction *action)
{
  g_autoptr(GString) text = g_string_new (NULL);
  guint n_ids = 0;
  const gint64 *ids = staple_action_get_friction_ids (action, &n_ids);

  for (guint i = 0; i < n_ids; i++)
    {
      StapleFriction *friction = staple_session_find_friction (self->session, ids[i], NULL, NULL);

      if (friction == NULL)
        continue;
      if (text->len > 0)
        g_string_append_c (text, '\n');
      g_string_append_printf (text, "• %s", staple_friction_get_text (friction));
    }

  return g_strdup (text->len > 0 ? text->str : "—");
}

static void
add_actions (StapleReport *self)
{
  static const TableColumn columns[] = {
    { N_("Action"), 0.32 },
    { N_("Owner"), 0.14 },
    { N_("Due"), 0.10 },
    { N_("Status"), 0.10 },
    { N_("Friction points it addresses"), 0.34 },
  };
  TableColumn translated[G_N_ELEMENTS (columns)];
  GListModel *actions = G_LIST_MODEL (staple_session_get_actions (self->session));
  guint n_actions = g_list_model_get_n_items (actions);
  Table table;

  flow_section (self, _("Actions"), _("Actions"),
                _("What the room committed to change, who owns it and by when."));

  if (n_actions == 0)
    {
      flow_text (self, _("No actions agreed."), SIZE_BODY, PANGO_WEIGHT_NORMAL, 0, 0, DIM);
      return;
    }

  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    translated[i] = (TableColumn) { _(columns[i].title), columns[i].share };
  table_init (self, &table, translated, G_N_ELEMENTS (columns), _("Actions, continued"));
  table_begin (self, &table);

  for (guint i = 0; i < n_actions; i++)
    {
      g_autoptr(StapleAction) action = g_list_model_get_item (actions, i);
      g_autofree char *frictions = action_frictions_text (self, action);
      g_autofree char *due = staple_action_format_due (staple_action_get_due (action), NULL);
      const char *cells[] = {
        staple_action_get_text (action),
        owner_name (self, action),
        is_empty (due) ? "—" : due,
        staple_action_status_get_label (staple_action_get_status (action)),
        frictions,
      };

      table_row (self, &table, cells);
    }
}

static void
add_empowerment (StapleReport *self)
{
  GListModel *list = G_LIST_MODEL (staple_session_get_empowerments (self->session));
  guint n = g_list_model_get_n_items (list);

  self->y += 10;
  flow_need (self, 80);
  if (self->y <= self->top + 0.5)
    self->page->outline = _("Empowerment list");
  flow_text (self, _("Empowerment list"), SIZE_HEADING, PANGO_WEIGHT_BOLD, 0, 0, INK);
  flow_text (self, _("What front-line staff may now decide for themselves, without asking."),
             SIZE_BODY, PANGO_WEIGHT_NORMAL, 0, 3, DIM);
  self->y += 6;

  if (n == 0)
    flow_text (self, _("Nothing on the list yet."), SIZE_BODY, PANGO_WEIGHT_NORMAL, 0, 0, DIM);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(StapleEmpowerment) empowerment = g_list_model_get_item (list, i);
      g_autofree char *line = g_strdup_printf ("%u. %s", i + 1,
                                               staple_empowerment_get_text (empowerment));

      flow_text (self, line, SIZE_BODY, PANGO_WEIGHT_NORMAL, 0, 4, INK);
    }
}

static void
flow_value (StapleReport *self,
            const char   *label,
            const char   *value)
{
  flow_pair (self, label, value, MIN (220, body_width (self) * 0.45));
}

static void
flow_count (StapleReport *self,
            const char   *label,
            guint         count)
{
  g_autofree char *value = g_strdup_printf ("%u", count);

  flow_value (self, label, value);
}

/* Where the handoffs counted above are, for a reader without the map. */
static void
add_handoff_names (StapleReport *self)
{
  g_autoptr(GPtrArray) stages = staple_summary_list_handoffs (self->session);
  g_autoptr(GString) names = g_string_new (NULL);
  g_autofree char *line = NULL;

  if (stages->len == 0)
    return;

  for (guint i = 0; i < stages->len; i++)
    {
      StapleStage *stage = g_ptr_array_index (stages, i);
      g_autofree char *name = staple_text_bound (staple_stage_get_name (stage), STAPLE_TEXT_SHORT,
                                                 STAPLE_TEXT_BOUND_ONE_LINE);

      if (i > 0)
        /* Translators: between the names of stages in a list */
        g_string_append (names, _(", "));
      g_string_append (names, name);
    }

  /* Translators: followed by the names of the stages the work is handed on to */
  line = g_strdup_printf (_("Handed on to %s"), names->str);
  flow_text (self, line, SIZE_SMALL, PANGO_WEIGHT_NORMAL, 12, 0, DIM);
}

/* The journey's times, stage by stage */

#define WAIT_BAR_HEIGHT 5.0
#define COLUMN_WAIT     3 /* of the time table */
#define WAIT_TRACK_INK  0.55 /* the outline of a bar's track */

/* A wait's bar to scale with the journey's longest, as the map draws it on
 * paper: black for a wait that stands out, grey for the others, on an
 * outlined track, so that it reads printed without colour. */
static void
add_wait_bar (StapleReport          *self,
              double                 x,
              double                 y,
              double                 width,
              double                 height,
              guint                  wait_minutes,
              const StapleWaitScale *scale)
{
  double rgb[3];
  Item *track = add_rect (self, x, y, width, height, 1.0, 0.4);

  track->ink = WAIT_TRACK_INK;
  if (wait_minutes == 0 || scale->longest == 0)
    return;

  staple_map_marks_wait_rgb (staple_map_marks_wait_stands_out (scale, wait_minutes), FALSE,
                             TRUE, rgb);
  add_rect (self, x, y, MAX (width * MIN (1.0, (double) wait_minutes / scale->longest), height),
            height, rgb[0], 0);
}

static int
compare_waits (gconstpointer a,
               gconstpointer b)
{
  StapleStage *first = *(StapleStage **) a;
  StapleStage *second = *(StapleStage **) b;

  return staple_stage_get_wait_minutes (second) - staple_stage_get_wait_minutes (first);
}

/* The stages that wait at all, the longest wait first; stages waiting as
 * long keep the journey's order. */
static GPtrArray *
list_longest_waits (StapleReport *self)
{
  GListModel *stages = G_LIST_MODEL (staple_session_get_stages (self->session));
  GPtrArray *waits = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < g_list_model_get_n_items (stages); i++)
    {
      StapleStage *stage = g_list_model_get_item (stages, i);

      if (staple_stage_get_wait_minutes (stage) > 0)
        g_ptr_array_add (waits, stage);
      else
        g_object_unref (stage);
    }

  /* g_ptr_array_sort is g_qsort_with_data, a merge sort in GLib 2.74: stable. */
  g_ptr_array_sort (waits, compare_waits);
  return waits;
}

static char *
minutes_text (guint minutes)
{
  /* Translators: a work or waiting time the room did not note */
  return minutes > 0 ? staple_format_minutes (minutes) : g_strdup (_("—"));
}

static char *
feeling_text (int feeling)
{
  /* A real minus sign, and a plus, so the figure reads without the colour. */
  if (feeling > 0)
    return g_strdup_printf ("+%d", feeling);
  if (feeling < 0)
    return g_strdup_printf ("−%d", -feeling);
  return g_strdup ("0");
}

/* Where the work changes hands into @stage, and into which team. */
static char *
handoff_text (StapleStage *previous,
              StapleStage *stage)
{
  const char *team = staple_stage_get_team (stage);

  if (!staple_summary_is_handoff (previous, stage))
    return g_strdup (_("No"));
  if (is_empty (team))
    return g_strdup (_("Yes"));
  /* Translators: in the time table: the work is handed over into a team */
  return g_strdup_printf (_("Yes, into %s"), team);
}

static void
time_table_totals (StapleReport *self,
                   Table        *table)
{
  StapleJourneyTotals totals;
  g_autofree char *lead_time = NULL;
  g_autofree char *lead = NULL;
  g_autofree char *work = NULL;
  g_autofree char *wait = NULL;
  g_autofree char *handoffs = NULL;
  g_autofree char *dropped = NULL;
  const cairo_rectangle_t *row;
  PangoWeight weights[TABLE_MAX_COLUMNS];

  staple_summary_journey_totals (self->session, &totals);
  lead_time = staple_format_minutes (totals.lead_minutes);
  /* Translators: the time table's totals row, in the stage's column */
  lead = g_strdup_printf (_("In all: lead time %s"), lead_time);
  work = minutes_text (totals.work_minutes);
  wait = minutes_text (totals.wait_minutes);
  handoffs = g_strdup_printf (ngettext ("%u handoff", "%u handoffs", totals.n_handoffs),
                              totals.n_handoffs);
  dropped = g_strdup_printf (ngettext ("%u stage", "%u stages", totals.n_dropped),
                             totals.n_dropped);

  {
    const char *cells[] = { lead, "", work, wait, handoffs, dropped, "", "" };

    for (guint i = 0; i < G_N_ELEMENTS (weights); i++)
      weights[i] = PANGO_WEIGHT_BOLD;
    table_row_weighted (self, table, cells, weights);
  }

  row = &g_array_index (self->page->rows, cairo_rectangle_t, self->page->rows->len - 1);
  add_line (self, row->x, row->y, row->x + row->width, row->y, 1.0, INK);
}

/* Per stage, in the journey's order: who owns it, its work and waiting
 * time (the wait's bar to scale), whether the work is handed over into it
 * or dropped there, and how it feels; the longest waits in bold and marked
 * "▲ longest", which survives a black-and-white printer; then the totals. */
static void
add_time_table (StapleReport *self)
{
  static const TableColumn columns[] = {
    { N_("Stage"), 0.21 },
    { N_("Owner"), 0.13 },
    { N_("Work"), 0.09 },
    { N_("Waiting"), 0.15 },
    { N_("Handoff"), 0.14 },
    { N_("Dropped"), 0.10 },
    /* Translators: the customer's feeling, in the time table */
    { N_("Customer"), 0.10 },
    /* Translators: the staff's feeling, in the time table */
    { N_("Staff"), 0.08 },
  };
  TableColumn translated[G_N_ELEMENTS (columns)];
  GListModel *stages = G_LIST_MODEL (staple_session_get_stages (self->session));
  guint n_stages = g_list_model_get_n_items (stages);
  StapleWaitScale scale;
  Table table;

  flow_section (self, _("Times along the journey"), _("Times along the journey"),
                _("Each stage in the journey’s order, its wait drawn to scale under it. The "
                  "longest waits are in bold and marked ▲. How the customer and the staff "
                  "feel, from −2 (angry, stuck) to +2 (delighted)."));

  if (n_stages == 0)
    {
      flow_text (self, _("No stages recorded."), SIZE_BODY, PANGO_WEIGHT_NORMAL, 0, 0, DIM);
      return;
    }

  staple_map_marks_wait_scale (self->session, &scale);
  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    translated[i] = (TableColumn) { _(columns[i].title), columns[i].share };
  table_init (self, &table, translated, G_N_ELEMENTS (columns),
              _("Times along the journey, continued"));
  table.size = SIZE_BODY;
  table_begin (self, &table);

  for (guint i = 0; i < n_stages; i++)
    {
      g_autoptr(StapleStage) stage = g_list_model_get_item (stages, i);
      g_autoptr(StapleStage) previous = i > 0 ? g_list_model_get_item (stages, i - 1) : NULL;
      guint wait_minutes = (guint) staple_stage_get_wait_minutes (stage);
      gboolean longest = staple_map_marks_wait_stands_out (&scale, wait_minutes);
      const char *name = staple_stage_get_name (stage);
      const char *team = staple_stage_get_team (stage);
      g_autofree char *number_name = g_strdup_printf ("%u. %s", i + 1,
                                                      is_empty (name) ? _("Unnamed stage")
                                                                      : name);
      g_autofree char *work = minutes_text ((guint) staple_stage_get_work_minutes (stage));
      g_autofree char *wait_time = minutes_text (wait_minutes);
      /* Translators: a wait in the time table that is one of the journey's longest */
      g_autofree char *wait = longest ? g_strdup_printf (_("%s ▲ longest"), wait_time)
                                      : g_strdup (wait_time);
      /* The line after the wait is left for its bar. */
      g_autofree char *wait_cell = g_strconcat (wait, "\n", NULL);
      g_autofree char *handoff = handoff_text (previous, stage);
      g_autofree char *customer = feeling_text (staple_stage_get_customer_feeling (stage));
      g_autofree char *staff = feeling_text (staple_stage_get_staff_feeling (stage));
      const char *cells[] = {
        number_name,
        is_empty (team) ? _("No team noted") : team,
        work,
        wait_cell,
        handoff,
        staple_stage_get_dropped (stage) ? _("Yes") : _("No"),
        customer,
        staff,
      };
      PangoWeight weights[G_N_ELEMENTS (cells)];
      PangoWeight wait_weight = longest ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL;
      g_autoptr(PangoLayout) wait_text = cell_text (self, &table, COLUMN_WAIT, wait, wait_weight,
                                                    0);
      double wait_height = text_height (wait_text);
      const cairo_rectangle_t *row;
      double line = table.size * 1.2;

      for (guint c = 0; c < G_N_ELEMENTS (cells); c++)
        weights[c] = longest && c <= COLUMN_WAIT ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL;
      table_row_weighted (self, &table, cells, weights);

      /* The bar on the line left for it under the wait, as wide as the column. */
      row = &g_array_index (self->page->rows, cairo_rectangle_t, self->page->rows->len - 1);
      if (CELL_PAD + wait_height + line <= row->height)
        add_wait_bar (self, table.x[COLUMN_WAIT] + CELL_PAD,
                      row->y + CELL_PAD + wait_height + (line - WAIT_BAR_HEIGHT) / 2,
                      table.width[COLUMN_WAIT] - 2 * CELL_PAD, WAIT_BAR_HEIGHT, wait_minutes,
                      &scale);
    }

  time_table_totals (self, &table);
}

static void
add_journey (StapleReport *self)
{
  StapleJourneyTotals totals;
  guint total_seconds = 0;

  staple_summary_journey_totals (self->session, &totals);
  flow_section (self, _("The journey"), _("The journey in numbers"), NULL);

  flow_count (self, _("Stages"), totals.n_stages);
  flow_count (self, _("Friction points"), totals.n_frictions);
  flow_count (self, _("Handoffs between teams"), totals.n_handoffs);
  add_handoff_names (self);
  flow_count (self, _("Stages where the work is dropped or misrouted"), totals.n_dropped);

  if (totals.lead_minutes == 0)
    flow_value (self, _("Lead time"), _("No work or waiting times noted"));
  else
    {
      g_autofree char *work = staple_format_minutes (totals.work_minutes);
      g_autofree char *wait = staple_format_minutes (totals.wait_minutes);
      g_autofree char *lead = staple_format_minutes (totals.lead_minutes);
      double percent = 100.0 * totals.work_minutes / totals.lead_minutes;
      g_autofree char *share = g_strdup_printf (percent < 10 ? _("%.1f %%") : _("%.0f %%"),
                                                percent);

      flow_value (self, _("Work time"), work);
      flow_value (self, _("Waiting time"), wait);
      flow_value (self, _("Lead time"), lead);
      flow_value (self, _("Share of the lead time spent working"), share);
    }

  flow_heading (self, _("Time spent per phase of the workshop"), 40);
  for (guint phase = 0; phase < STAPLE_N_PHASES; phase++)
    total_seconds += staple_session_get_phase_seconds (self->session, phase);

  if (total_seconds == 0)
    {
      flow_text (self, _("No times were recorded."), SIZE_BODY, PANGO_WEIGHT_NORMAL, 0, 0, DIM);
      return;
    }

  for (guint phase = 0; phase < STAPLE_N_PHASES; phase++)
    {
      g_autofree char *spent = staple_format_seconds (staple_session_get_phase_seconds (self->session,
                                                                                 phase));

      flow_value (self, staple_phase_get_label (phase), spent);
    }
  {
    g_autofree char *spent = staple_format_seconds (total_seconds);

    flow_value (self, _("In all"), spent);
  }
}

/* The one-page summary: blocks of text in one or two columns, shrunk and
 * then cut short, with "and N more", until they fit. */

typedef struct
{
  char        *text;
  double       size;
  PangoWeight  weight;
  double       indent;
  double       space_before;
  int          max_lines;
  double       ink;
  gboolean     rule;  /* a line under the block */
  PangoLayout *layout;
  /* With a scale: a wait's bar to scale, in the indent, by the first line. */
  const StapleWaitScale *wait_scale;
  guint                  wait_minutes;
} Block;

static void
block_clear (gpointer data)
{
  Block *block = data;

  g_free (block->text);
  g_clear_object (&block->layout);
}

static GArray *
blocks_new (void)
{
  GArray *blocks = g_array_new (FALSE, TRUE, sizeof (Block));

  g_array_set_clear_func (blocks, block_clear);
  return blocks;
}

static Block *
block_add (GArray      *blocks,
           char        *text,
           double       size,
           PangoWeight  weight,
           double       space_before,
           int          max_lines,
           double       ink)
{
  Block block = {
    .text = text, .size = size, .weight = weight, .space_before = space_before,
    .max_lines = max_lines, .ink = ink,
  };

  g_array_append_val (blocks, block);
  return &g_array_index (blocks, Block, blocks->len - 1);
}

static double
blocks_measure (StapleReport *self,
                GArray       *blocks,
                double        width)
{
  double height = 0;

  for (guint i = 0; i < blocks->len; i++)
    {
      Block *block = &g_array_index (blocks, Block, i);

      g_clear_object (&block->layout);
      block->layout = make_text (self, block->text, block->size, block->weight,
                                 width - block->indent, -block->max_lines);
      height += (i > 0 ? block->space_before * self->text_scale : 0) +
                text_height (block->layout) + (block->rule ? 6 : 0);
    }

  return height;
}

static void
blocks_emit (StapleReport *self,
             GArray       *blocks,
             double        x,
             double        y,
             double        width)
{
  for (guint i = 0; i < blocks->len; i++)
    {
      Block *block = &g_array_index (blocks, Block, i);
      double height = text_height (block->layout);

      if (i > 0)
        y += block->space_before * self->text_scale;
      /* Only if everything failed to fit, even cut short: leave off the rest. */
      if (y + height > self->bottom + 0.5)
        break;
      if (block->wait_scale != NULL)
        {
          double bar_height = WAIT_BAR_HEIGHT * self->text_scale;
          double line = block->size * self->text_scale * 1.2;

          add_wait_bar (self, x, y + (line - bar_height) / 2, block->indent - 8 * self->text_scale,
                        bar_height, block->wait_minutes, block->wait_scale);
        }
      add_text (self, g_steal_pointer (&block->layout), x + block->indent, y, block->ink);
      y += height;
      if (block->rule)
        {
          add_line (self, x, y + 3, x + width, y + 3, 0.8, INK);
          y += 6;
        }
    }
}

enum
{
  LIST_FRICTIONS,
  LIST_PRINCIPLES,
  LIST_ACTIONS,
  LIST_EMPOWERMENTS,
  LIST_WAITS,
  N_LISTS
};

#define SUMMARY_WAITS 3
#define SUMMARY_WAITS_MIN_PT 8.0 /* however small the rest of the page gets */

typedef struct
{
  GPtrArray       *ranked;
  GArray          *principles;
  GPtrArray       *waits;  /* StapleStage, the longest wait first */
  StapleWaitScale  scale;
  guint            lead_minutes;
  guint            total[N_LISTS];
  guint            shown[N_LISTS];
} SummaryData;

static void
block_more (GArray *blocks,
            guint   total,
            guint   shown)
{
  if (shown < total)
    block_add (blocks, g_strdup_printf (ngettext ("… and %u more", "… and %u more",
                                                  total - shown), total - shown),
               SIZE_SMALL, PANGO_WEIGHT_NORMAL, 2, 1, DIM);
}

static void
block_subheading (GArray     *blocks,
                  const char *text)
{
  block_add (blocks, g_strdup (text), SIZE_SUBHEADING, PANGO_WEIGHT_BOLD,
             blocks->len > 0 ? 12 : 0, 1, INK);
}

static void
summary_header (StapleReport *self,
                GArray       *blocks)
{
  const char *organisation = staple_session_get_organisation (self->session);
  const char *date = staple_session_get_date (self->session);
  const char *question = staple_session_get_question (self->session);
  Block *last;

  block_add (blocks, g_strdup (_("Summary for leadership")), SIZE_BODY, PANGO_WEIGHT_NORMAL,
             0, 1, DIM);
  last = block_add (blocks, one_line (session_title (self)), SIZE_HEADING * 1.25,
                    PANGO_WEIGHT_BOLD, 2, 2, INK);
  if (!is_empty (organisation) && !is_empty (date))
    last = block_add (blocks, g_strdup_printf ("%s · %s", organisation, date), SIZE_SUBHEADING,
                      PANGO_WEIGHT_NORMAL, 3, 1, INK);
  else if (!is_empty (organisation) || !is_empty (date))
    last = block_add (blocks, g_strdup (is_empty (date) ? organisation : date), SIZE_SUBHEADING,
                      PANGO_WEIGHT_NORMAL, 3, 1, INK);
  if (!is_empty (question))
    {
      g_autofree char *flat = one_line (question);

      /* Translators: the session's question, quoted on the summary */
      last = block_add (blocks, g_strdup_printf (_("“%s”"), flat), SIZE_BODY,
                        PANGO_WEIGHT_NORMAL, 4, 3, DIM);
    }
  last->rule = TRUE;
}

static void
summary_frictions (StapleReport *self,
                   SummaryData  *data,
                   GArray       *blocks)
{
  block_subheading (blocks, _("Top friction points"));
  if (data->total[LIST_FRICTIONS] == 0)
    block_add (blocks, g_strdup (_("No friction points recorded.")), SIZE_BODY,
               PANGO_WEIGHT_NORMAL, 4, 1, DIM);

  for (guint i = 0; i < data->shown[LIST_FRICTIONS]; i++)
    {
      StapleFriction *friction = g_ptr_array_index (data->ranked, i);
      guint votes = staple_summary_count_votes (self->session, friction);
      g_autofree char *text = one_line (staple_friction_get_text (friction));
      g_autofree char *kind = kind_text (staple_friction_get_kind (friction));
      g_autofree char *severity = severity_text (staple_friction_get_severity (friction));
      g_autofree char *votes_text = g_strdup_printf (ngettext ("%u vote", "%u votes", votes),
                                                     votes);
      Block *detail;

      block_add (blocks, g_strdup_printf ("%u. %s", i + 1, text), SIZE_BODY, PANGO_WEIGHT_BOLD,
                 5, 3, INK);
      /* Translators: under a top friction point: stage · kind · severity · votes */
      detail = block_add (blocks, g_strdup_printf (_("%s · %s · severity %s · %s"),
                                                   stage_name_of (self, friction), kind,
                                                   severity, votes_text),
                          SIZE_SMALL, PANGO_WEIGHT_NORMAL, 1, 2, DIM);
      detail->indent = 12;
    }
  block_more (blocks, data->total[LIST_FRICTIONS], data->shown[LIST_FRICTIONS]);
}

static void
summary_principles (SummaryData *data,
                    GArray      *blocks)
{
  block_subheading (blocks, _("Principles touched"));
  if (data->total[LIST_PRINCIPLES] == 0)
    block_add (blocks, g_strdup (_("No friction point is linked to a principle yet.")),
               SIZE_BODY, PANGO_WEIGHT_NORMAL, 4, 2, DIM);

  for (guint i = 0; i < data->shown[LIST_PRINCIPLES]; i++)
    {
      const StaplePrincipleCount *count = &g_array_index (data->principles,
                                                          StaplePrincipleCount, i);
      g_autofree char *frictions = g_strdup_printf (ngettext ("%u friction point",
                                                              "%u friction points",
                                                              count->n_frictions),
                                                    count->n_frictions);
      g_autofree char *votes = g_strdup_printf (ngettext ("%u vote", "%u votes", count->n_votes),
                                                count->n_votes);

      /* Translators: a principle on the summary: "label — 3 friction points, 5 votes" */
      block_add (blocks, g_strdup_printf (_("%s — %s, %s"),
                                          staple_principle_get_label (count->principle),
                                          frictions, votes),
                 SIZE_BODY, PANGO_WEIGHT_NORMAL, 4, 2, INK);
    }
  block_more (blocks, data->total[LIST_PRINCIPLES], data->shown[LIST_PRINCIPLES]);
}

/* The longest waits, each with its bar to scale and its share of the lead
 * time: where the days go, in a line each. */
static void
summary_waits (StapleReport *self,
               SummaryData  *data,
               GArray       *blocks)
{
  if (data->total[LIST_WAITS] == 0)
    return;

  block_subheading (blocks, _("Longest waits"));
  for (guint i = 0; i < data->shown[LIST_WAITS]; i++)
    {
      StapleStage *stage = g_ptr_array_index (data->waits, i);
      guint minutes = (guint) staple_stage_get_wait_minutes (stage);
      g_autofree char *name = one_line (is_empty (staple_stage_get_name (stage))
                                        ? _("Unnamed stage") : staple_stage_get_name (stage));
      g_autofree char *wait = staple_format_minutes (minutes);
      double percent = data->lead_minutes > 0 ? 100.0 * minutes / data->lead_minutes : 0;
      Block *block;

      /* Translators: a long wait on the summary: "Credit check: 2 d 16 h, 23 % of the lead
       * time" */
      block = block_add (blocks, g_strdup_printf (percent < 10
                                                  ? _("%s: %s, %.1f %% of the lead time")
                                                  : _("%s: %s, %.0f %% of the lead time"),
                                                  name, wait, percent),
                         MAX (SIZE_BODY, SUMMARY_WAITS_MIN_PT / self->text_scale),
                         PANGO_WEIGHT_NORMAL, 5, 2, INK);
      block->indent = 72;
      block->wait_scale = &data->scale;
      block->wait_minutes = minutes;
    }
}

static void
summary_actions (StapleReport *self,
                 SummaryData  *data,
                 GArray       *blocks)
{
  GListModel *actions = G_LIST_MODEL (staple_session_get_actions (self->session));

  block_subheading (blocks, _("Actions"));
  if (data->total[LIST_ACTIONS] == 0)
    block_add (blocks, g_strdup (_("No actions agreed.")), SIZE_BODY, PANGO_WEIGHT_NORMAL,
               4, 1, DIM);

  for (guint i = 0; i < data->shown[LIST_ACTIONS]; i++)
    {
      g_autoptr(StapleAction) action = g_list_model_get_item (actions, i);
      g_autofree char *text = one_line (staple_action_get_text (action));
      g_autofree char *due = staple_action_format_due (staple_action_get_due (action), NULL);
      const char *status = staple_action_status_get_label (staple_action_get_status (action));
      Block *detail;

      block_add (blocks, g_strdup_printf ("• %s", text), SIZE_BODY, PANGO_WEIGHT_NORMAL, 5, 2,
                 INK);
      if (is_empty (due))
        /* Translators: under an action: owner · status */
        detail = block_add (blocks, g_strdup_printf (_("%s · %s"), owner_name (self, action),
                                                     status),
                            SIZE_SMALL, PANGO_WEIGHT_NORMAL, 1, 1, DIM);
      else
        /* Translators: under an action: owner · status · due date */
        detail = block_add (blocks, g_strdup_printf (_("%s · %s · due %s"),
                                                     owner_name (self, action), status, due),
                            SIZE_SMALL, PANGO_WEIGHT_NORMAL, 1, 1, DIM);
      detail->indent = 12;
    }
  block_more (blocks, data->total[LIST_ACTIONS], data->shown[LIST_ACTIONS]);
}

static void
summary_empowerments (StapleReport *self,
                      SummaryData  *data,
                      GArray       *blocks)
{
  GListModel *list = G_LIST_MODEL (staple_session_get_empowerments (self->session));

  block_subheading (blocks, _("Empowerment list"));
  if (data->total[LIST_EMPOWERMENTS] == 0)
    block_add (blocks, g_strdup (_("Nothing on the list yet.")), SIZE_BODY, PANGO_WEIGHT_NORMAL,
               4, 1, DIM);

  for (guint i = 0; i < data->shown[LIST_EMPOWERMENTS]; i++)
    {
      g_autoptr(StapleEmpowerment) empowerment = g_list_model_get_item (list, i);
      g_autofree char *text = one_line (staple_empowerment_get_text (empowerment));

      block_add (blocks, g_strdup_printf ("• %s", text), SIZE_BODY, PANGO_WEIGHT_NORMAL, 4, 2,
                 INK);
    }
  block_more (blocks, data->total[LIST_EMPOWERMENTS], data->shown[LIST_EMPOWERMENTS]);
}

static void
summary_totals (StapleReport *self,
                GArray       *blocks)
{
  StapleJourneyTotals totals;
  g_autofree char *stages = NULL;
  g_autofree char *frictions = NULL;
  g_autofree char *handoffs = NULL;
  g_autofree char *dropped = NULL;

  staple_summary_journey_totals (self->session, &totals);
  stages = g_strdup_printf (ngettext ("%u stage", "%u stages", totals.n_stages), totals.n_stages);
  frictions = g_strdup_printf (ngettext ("%u friction point", "%u friction points",
                                         totals.n_frictions), totals.n_frictions);
  handoffs = g_strdup_printf (ngettext ("%u handoff between teams", "%u handoffs between teams",
                                        totals.n_handoffs), totals.n_handoffs);
  dropped = g_strdup_printf (ngettext ("%u stage drops or misroutes the work",
                                       "%u stages drop or misroute the work",
                                       totals.n_dropped), totals.n_dropped);

  block_subheading (blocks, _("The journey"));
  block_add (blocks, g_strdup_printf ("%s · %s · %s · %s", stages, frictions, handoffs, dropped),
             SIZE_BODY, PANGO_WEIGHT_NORMAL, 4, 3, INK);

  if (totals.lead_minutes == 0)
    block_add (blocks, g_strdup (_("No work or waiting times noted.")), SIZE_BODY,
               PANGO_WEIGHT_NORMAL, 3, 2, DIM);
  else
    {
      g_autofree char *work = staple_format_minutes (totals.work_minutes);
      g_autofree char *lead = staple_format_minutes (totals.lead_minutes);
      double percent = 100.0 * totals.work_minutes / totals.lead_minutes;

      /* Translators: "Lead time 9 d 2 h, of which 3 h 5 min (1.4 %) is work" */
      block_add (blocks, g_strdup_printf (percent < 10
                                          ? _("Lead time %s, of which %s (%.1f %%) is work")
                                          : _("Lead time %s, of which %s (%.0f %%) is work"),
                                          lead, work, percent),
                 SIZE_BODY, PANGO_WEIGHT_BOLD, 3, 2, INK);
    }
}

/* Builds the summary's blocks with @data's lists cut to their shown
 * lengths, and measures each column and how far it overflows the page
 * (<= 0: it fits). */
static void
summary_build (StapleReport *self,
               SummaryData  *data,
               gboolean      two_columns,
               GArray      **header,
               GArray      **first,
               GArray      **second,
               double        overflow[2],
               double        height[2])
{
  double gap = 24;
  double column_width = two_columns ? (body_width (self) - gap) / 2 : body_width (self);
  double header_height, room;

  *header = blocks_new ();
  *first = blocks_new ();
  *second = two_columns ? blocks_new () : *first;

  summary_header (self, *header);
  summary_frictions (self, data, *first);
  summary_waits (self, data, *first);
  summary_principles (data, *first);
  summary_actions (self, data, *second);
  summary_empowerments (self, data, *second);
  summary_totals (self, *second);

  header_height = blocks_measure (self, *header, body_width (self));
  room = body_height (self) - header_height - 8;
  height[0] = blocks_measure (self, *first, column_width);
  height[1] = two_columns ? blocks_measure (self, *second, column_width) : height[0];
  overflow[0] = height[0] - room;
  overflow[1] = height[1] - room;
}

/* Cuts the lists of each overflowing column, the longest first, by about
 * as many items as the overflow would hold; the caller measures again. */
static gboolean
summary_cut (SummaryData *data,
             gboolean     two_columns,
             double       overflow[2],
             double       height[2])
{
  static const guint column_of[N_LISTS] = { 0, 0, 1, 1, 0 };
  gboolean cut = FALSE;

  for (guint column = 0; column < (two_columns ? 2 : 1); column++)
    {
      guint n_items = 0;
      guint n_cut;

      if (overflow[column] <= 0)
        continue;

      for (guint list = 0; list < N_LISTS; list++)
        if (!two_columns || column_of[list] == column)
          n_items += data->shown[list];

      /* Headings count as items too, so this errs on cutting too few. */
      n_cut = (guint) ceil (overflow[column] / (height[column] / (n_items + N_LISTS)));
      for (; n_cut > 0; n_cut--)
        {
          int longest = -1;

          for (guint list = 0; list < N_LISTS; list++)
            {
              if ((two_columns && column_of[list] != column) || data->shown[list] == 0)
                continue;
              if (longest < 0 || data->shown[list] > data->shown[longest])
                longest = (int) list;
            }
          if (longest < 0)
            break;

          data->shown[longest]--;
          cut = TRUE;
        }
    }

  return cut;
}

static void
add_summary (StapleReport *self)
{
  g_autoptr(GPtrArray) ranked = staple_summary_rank_frictions (self->session);
  g_autoptr(GArray) principles = staple_summary_count_principles (self->session);
  g_autoptr(GPtrArray) waits = list_longest_waits (self);
  gboolean two_columns = self->width > self->height;
  SummaryData data = { .ranked = ranked, .principles = principles, .waits = waits };
  StapleJourneyTotals totals;
  double gap = 24;
  double column_width = two_columns ? (body_width (self) - gap) / 2 : body_width (self);
  double columns_top;
  GArray *header = NULL, *first = NULL, *second = NULL;
  double overflow[2], height[2];

  data.total[LIST_FRICTIONS] = MIN (ranked->len, 5);
  data.total[LIST_PRINCIPLES] = principles->len;
  data.total[LIST_ACTIONS] = g_list_model_get_n_items (
    G_LIST_MODEL (staple_session_get_actions (self->session)));
  data.total[LIST_EMPOWERMENTS] = g_list_model_get_n_items (
    G_LIST_MODEL (staple_session_get_empowerments (self->session)));
  data.total[LIST_WAITS] = MIN (waits->len, SUMMARY_WAITS);
  staple_map_marks_wait_scale (self->session, &data.scale);
  staple_summary_journey_totals (self->session, &totals);
  data.lead_minutes = totals.lead_minutes;
  /* No list can show more items than lines of the smallest type fit. */
  for (guint list = 0; list < N_LISTS; list++)
    data.shown[list] = MIN (data.total[list],
                            (guint) (body_height (self) / (SIZE_BODY * SUMMARY_MIN_SCALE)));

  new_page (self, _("Summary"), FALSE);

  /* Smaller type first, down to a size that still reads; then shorter lists. */
  for (self->text_scale = 1.0; ; )
    {
      g_clear_pointer (&header, g_array_unref);
      if (second != first)
        g_clear_pointer (&second, g_array_unref);
      g_clear_pointer (&first, g_array_unref);
      second = NULL;

      summary_build (self, &data, two_columns, &header, &first, &second, overflow, height);
      if (overflow[0] <= 0 && overflow[1] <= 0)
        break;
      if (self->text_scale > SUMMARY_MIN_SCALE + 0.001)
        self->text_scale = MAX (self->text_scale - 0.05, SUMMARY_MIN_SCALE);
      else if (!summary_cut (&data, two_columns, overflow, height))
        break;
    }

  columns_top = self->top + blocks_measure (self, header, body_width (self)) + 8;
  blocks_emit (self, header, self->left, self->top, body_width (self));
  blocks_emit (self, first, self->left, columns_top, column_width);
  if (two_columns)
    {
      double x = self->left + column_width + gap;

      add_line (self, x - gap / 2, columns_top + 4, x - gap / 2, self->bottom, 0.4, RULE);
      blocks_emit (self, second, x, columns_top, column_width);
    }

  g_array_unref (header);
  if (second != first)
    g_array_unref (second);
  g_array_unref (first);
  self->text_scale = 1.0;
}

/* Walk sheets: blank forms to fill in by hand while walking the work. */

/* "Label ________", the line running to @width. */
static void
write_in (StapleReport *self,
          const char   *label,
          double        x,
          double        y,
          double        width)
{
  PangoLayout *layout = make_text (self, label, SIZE_BODY, PANGO_WEIGHT_BOLD, width * 0.6, -1);
  double label_width = text_width (layout);
  double base = y + text_height (layout);

  add_text (self, layout, x, y, INK);
  add_line (self, x + label_width + 6, base, x + width, base, 0.6, INK);
}

static double
tick_box (StapleReport *self,
          const char   *label,
          double        x,
          double        y)
{
  PangoLayout *layout = make_text (self, label, SIZE_BODY, PANGO_WEIGHT_NORMAL, 0, 0);
  double height = text_height (layout);
  double side = 9;

  add_rect (self, x, y + (height - side) / 2, side, side, -1, 0.8);
  add_text (self, layout, x + side + 4, y, INK);
  return x + side + 4 + text_width (layout) + 14;
}

/* "Channel ☐ Phone ☐ Web …", wrapping under itself if the page is narrow;
 * returns the height taken. */
static double
channel_boxes (StapleReport *self,
               double        y)
{
  PangoLayout *layout = make_text (self, _("Channel"), SIZE_BODY, PANGO_WEIGHT_BOLD, 0, 0);
  double start = self->left + text_width (layout) + 12;
  double x = start;
  double line = text_height (layout) + 8;
  double height = line;

  add_text (self, layout, self->left, y, INK);
  for (guint channel = STAPLE_CHANNEL_PHONE; channel <= STAPLE_CHANNEL_INTERNAL; channel++)
    {
      const char *label = staple_channel_get_label (channel);
      PangoLayout *probe = make_text (self, label, SIZE_BODY, PANGO_WEIGHT_NORMAL, 0, 0);
      double needed = 13 + text_width (probe);

      g_object_unref (probe);
      if (x > start && x + needed > self->right)
        {
          x = start;
          y += line;
          height += line;
        }
      x = tick_box (self, label, x, y);
    }

  return height;
}

/* A label and five circles, −2 to +2, fitted into @width. */
static void
feeling_scale (StapleReport *self,
               const char   *label,
               double        x,
               double        y,
               double        width)
{
  static const char * const values[] = { "−2", "−1", "0", "+1", "+2" };
  PangoLayout *layout = make_text (self, label, SIZE_BODY, PANGO_WEIGHT_BOLD, 0, 0);
  double radius = 7;
  double start = x + MAX (text_width (layout) + 12, 84);
  double step = CLAMP ((x + width - start - 2 * radius - 14) / 4, 2 * radius + 14, 40);

  add_text (self, layout, x, y, INK);
  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    {
      double cx = start + radius + i * step;
      PangoLayout *value = make_text (self, values[i], SIZE_SMALL, PANGO_WEIGHT_NORMAL, 0, 0);

      add_circle (self, cx, y + radius, radius);
      add_text (self, value, cx + radius + 3, y + radius - text_height (value) / 2, DIM);
    }
}

static void
add_walk_sheet (StapleReport *self,
                StapleStage  *stage,
                guint         number,
                guint         n_sheets)
{
  double width = body_width (self);
  double half = (width - 24) / 2;
  double quarter = (half - 24) / 2;
  double second = self->left + half + 24;
  double row = 30;
  double lines_top, notes_top, line_gap = 22;
  guint n_lines;
  g_autofree char *heading = g_strdup_printf (_("Walk sheet %u of %u"), number, n_sheets);
  g_autoptr(GString) kinds = g_string_new (_("Kinds:"));
  PangoLayout *layout;

  new_page (self, number == 1 ? _("Walk sheets") : NULL, FALSE);
  flow_text (self, heading, SIZE_BODY, PANGO_WEIGHT_NORMAL, 0, 0, DIM);

  if (stage != NULL && !is_empty (staple_stage_get_name (stage)))
    flow_text (self, staple_stage_get_name (stage), SIZE_HEADING, PANGO_WEIGHT_BOLD, 0, 2, INK);
  else
    {
      self->y += 8;
      write_in (self, _("Stage"), self->left, self->y, width);
      self->y += row;
    }

  if (stage != NULL && !is_empty (staple_stage_get_team (stage)))
    {
      g_autofree char *team = g_strdup_printf (_("Team: %s"), staple_stage_get_team (stage));

      flow_text (self, team, SIZE_SUBHEADING, PANGO_WEIGHT_NORMAL, 0, 2, INK);
    }
  else
    {
      self->y += 8;
      write_in (self, _("Team"), self->left, self->y, half);
      self->y += row - 8;
    }

  self->y += 8;
  add_line (self, self->left, self->y, self->right, self->y, 1.0, INK);
  self->y += 14;

  write_in (self, _("Owner"), self->left, self->y, half);
  write_in (self, _("Work time"), second, self->y, quarter);
  write_in (self, _("Waiting time"), second + quarter + 24, self->y, quarter);
  self->y += row;

  self->y += channel_boxes (self, self->y) + row - 20;

  write_in (self, _("Handed on to (team)"), self->left, self->y, half);
  tick_box (self, _("Dropped or misrouted"), second, self->y);
  self->y += row;

  feeling_scale (self, _("Customer feels"), self->left, self->y, half);
  feeling_scale (self, _("Staff feel"), second, self->y, half);
  self->y += row + 6;

  layout = make_text (self, _("Friction seen"), SIZE_BODY, PANGO_WEIGHT_BOLD, 0, 0);
  add_text (self, layout, self->left, self->y, INK);
  for (guint kind = STAPLE_FRICTION_KIND_POLICY;
       kind <= STAPLE_FRICTION_KIND_UNCLEAR_EXPECTATIONS; kind++)
    {
      g_autofree char *text = kind_text (kind);

      g_string_append_printf (kinds, kind == 0 ? " %s" : " · %s", text);
    }
  self->y += text_height (layout) + 2;
  layout = make_text (self, kinds->str, SIZE_SMALL, PANGO_WEIGHT_NORMAL, width, -2);
  add_text (self, layout, self->left, self->y, DIM);
  lines_top = self->y + text_height (layout);

  /* The ruled lines take three fifths of what is left, the notes the rest. */
  notes_top = lines_top + (self->bottom - lines_top) * 0.6;
  n_lines = (guint) MAX ((notes_top - lines_top) / line_gap, 3);
  for (guint i = 1; i <= n_lines; i++)
    add_line (self, self->left, lines_top + i * line_gap, self->right, lines_top + i * line_gap,
              0.5, RULE);
  notes_top = MAX (notes_top, lines_top + n_lines * line_gap + 10);

  layout = make_text (self, _("Notes"), SIZE_BODY, PANGO_WEIGHT_BOLD, 0, 0);
  add_text (self, layout, self->left, notes_top, INK);
  notes_top += text_height (layout) + 4;
  if (self->bottom - 2 - notes_top > 20)
    add_rect (self, self->left, notes_top, width, self->bottom - 2 - notes_top, -1, 0.6);
  self->y = self->bottom;
}

static void
add_walk_sheets (StapleReport *self)
{
  GListModel *stages = G_LIST_MODEL (staple_session_get_stages (self->session));
  guint n = g_list_model_get_n_items (stages);

  if (n == 0)
    {
      for (guint i = 1; i <= 8; i++)
        add_walk_sheet (self, NULL, i, 8);
      return;
    }

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(StapleStage) stage = g_list_model_get_item (stages, i);

      add_walk_sheet (self, stage, i + 1, n);
    }
}

/* Footers, once the number of pages is known */

static void
add_footers (StapleReport *self)
{
  const char *date = staple_session_get_date (self->session);
  g_autofree char *left = is_empty (date) ? g_strdup (session_title (self))
                                          : g_strdup_printf ("%s · %s", session_title (self),
                                                             date);
  guint n_pages = self->pages->len;

  for (guint i = 0; i < n_pages; i++)
    {
      Page *page = g_ptr_array_index (self->pages, i);
      g_autofree char *number = NULL;
      PangoLayout *right_text;
      PangoLayout *left_text;
      double y = self->bottom + FOOTER_GAP;

      if (page->tile)
        continue;

      self->page = page;
      number = g_strdup_printf (_("Page %u of %u"), i + 1, n_pages);
      right_text = make_text (self, number, SIZE_SMALL, PANGO_WEIGHT_NORMAL, 0, 0);
      left_text = make_text (self, left, SIZE_SMALL, PANGO_WEIGHT_NORMAL,
                             body_width (self) - text_width (right_text) - 24, -1);

      add_line (self, self->left, y - FOOTER_GAP / 2, self->right, y - FOOTER_GAP / 2, 0.4, RULE);
      add_text (self, left_text, self->left, y, DIM);
      add_text (self, right_text, self->right - text_width (right_text), y, DIM);
    }
}

/* The object */

static void
staple_report_finalize (GObject *object)
{
  StapleReport *self = (StapleReport *) object;

  g_clear_pointer (&self->pages, g_ptr_array_unref);
  g_clear_pointer (&self->stage_of, g_hash_table_unref);
  g_clear_object (&self->map);
  g_clear_object (&self->context);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (staple_report_parent_class)->finalize (object);
}

static void
staple_report_class_init (StapleReportClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = staple_report_finalize;
}

static void
staple_report_init (StapleReport *self)
{
  cairo_font_options_t *options = cairo_font_options_create ();

  /* Unhinted metrics at 72 dpi: a point is a unit, and the line breaks are
   * the same in the PDF and on any printer. */
  self->context = pango_font_map_create_context (pango_cairo_font_map_get_default ());
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (self->context, options);
  pango_cairo_context_set_resolution (self->context, 72);
  pango_context_set_round_glyph_positions (self->context, FALSE);
  cairo_font_options_destroy (options);

  self->pages = g_ptr_array_new_with_free_func (page_free);
  self->stage_of = g_hash_table_new (NULL, NULL);
  self->text_scale = 1.0;
}

static void
index_stages (StapleReport *self)
{
  GListModel *stages = G_LIST_MODEL (staple_session_get_stages (self->session));
  guint n_stages = g_list_model_get_n_items (stages);

  for (guint s = 0; s < n_stages; s++)
    {
      g_autoptr(StapleStage) stage = g_list_model_get_item (stages, s);
      GListModel *frictions = G_LIST_MODEL (staple_stage_get_frictions (stage));
      guint n = g_list_model_get_n_items (frictions);

      /* Borrowed: the session keeps its stages and their friction points. */
      for (guint f = 0; f < n; f++)
        {
          g_autoptr(StapleFriction) friction = g_list_model_get_item (frictions, f);

          g_hash_table_insert (self->stage_of, friction, stage);
        }
    }
}

static void
set_up_paper (StapleReport *self,
              StaplePaper   paper)
{
  PangoLayout *probe;
  double footer_height;

  staple_paper_get_size (paper, self->options.orientation, &self->width, &self->height);
  self->margin = CLAMP (self->options.margin_mm * PT_PER_MM, MIN_MARGIN_MM * PT_PER_MM,
                        MIN (self->width, self->height) / 6);
  if (isnan (self->margin))
    self->margin = 12 * PT_PER_MM;

  probe = make_text (self, "Page 1 of 1", SIZE_SMALL, PANGO_WEIGHT_NORMAL, 0, 0);
  footer_height = text_height (probe);
  g_object_unref (probe);

  self->left = self->margin;
  self->right = self->width - self->margin;
  self->top = self->margin;
  self->bottom = self->height - self->margin - footer_height - FOOTER_GAP;
}

/**
 * staple_report_new:
 * @session: the session to print
 * @options: what to print and on what paper
 *
 * Lays out every page of the report at once: the pages, what is on them
 * and where the text breaks are fixed from here on, whether they are then
 * written to a PDF or printed. Margins below 5 mm are taken as 5 mm, which
 * the footer, the poster's tile index and the cut marks need; a poster has
 * at most 100 tiles across and 100 down.
 *
 * Returns: (transfer full): the paginated report
 */
StapleReport *
staple_report_new (StapleSession             *session,
                   const StapleReportOptions *options)
{
  StapleReport *self;

  g_return_val_if_fail (STAPLE_IS_SESSION (session), NULL);
  g_return_val_if_fail (options != NULL, NULL);
  g_return_val_if_fail ((guint) options->kind <= STAPLE_REPORT_WALK_SHEETS, NULL);
  g_return_val_if_fail ((guint) options->paper < G_N_ELEMENTS (papers), NULL);

  self = g_object_new (STAPLE_TYPE_REPORT, NULL);
  self->session = g_object_ref (session);
  self->options = *options;
  self->options.poster_columns = CLAMP (options->poster_columns, 1, MAX_POSTER_SIDE);
  self->options.poster_rows = CLAMP (options->poster_rows, 1, MAX_POSTER_SIDE);
  set_up_paper (self, options->paper);
  index_stages (self);

  if (options->kind == STAPLE_REPORT_FULL || options->kind == STAPLE_REPORT_MAP)
    {
      self->map = staple_map_layout_new ();
      staple_map_layout_set_session (self->map, session);
      staple_map_layout_update (self->map);
    }

  switch (options->kind)
    {
    case STAPLE_REPORT_MAP:
      add_map (self);
      break;
    case STAPLE_REPORT_SUMMARY:
      add_summary (self);
      break;
    case STAPLE_REPORT_WALK_SHEETS:
      add_walk_sheets (self);
      break;
    default:
      g_assert_not_reached ();
    case STAPLE_REPORT_FULL:
      add_map (self);
      if (is_poster (self))
        set_up_paper (self, report_paper (self->options.paper));
      add_title_page (self);
      add_time_table (self);
      add_register (self);
      add_root_causes (self);
      add_actions (self);
      add_empowerment (self);
      add_journey (self);
      break;
    }

  add_footers (self);
  self->page = NULL;
  return self;
}

/**
 * staple_report_get_n_pages:
 *
 * Returns: how many pages the report has
 */
guint
staple_report_get_n_pages (StapleReport *self)
{
  g_return_val_if_fail (STAPLE_IS_REPORT (self), 0);

  return self->pages->len;
}

/* Drawing */

static void
draw_map (StapleReport *self,
          cairo_t      *cr,
          const Item   *item)
{
  StapleMapRenderOptions options;
  double scale = item->map_scale;

  staple_map_render_options_init (&options);
  options.print = TRUE;
  /* Never less than 100 %: the renderer leaves out text too small to read
   * at the zoom, which suits a screen, and paper never drops what was typed. */
  options.zoom = MAX (map_zoom (scale), 1.0);
  options.clip_to_visible = TRUE;
  options.visible = (cairo_rectangle_t) {
    (item->box.x - item->map_x) / scale, (item->box.y - item->map_y) / scale,
    item->box.width / scale, item->box.height / scale,
  };

  cairo_save (cr);
  cairo_rectangle (cr, item->box.x, item->box.y, item->box.width, item->box.height);
  cairo_clip (cr);
  cairo_translate (cr, item->map_x, item->map_y);
  cairo_scale (cr, scale, scale);
  staple_map_render (self->map, cr, &options);
  cairo_restore (cr);
}

static void
draw_item (StapleReport *self,
           cairo_t      *cr,
           const Item   *item)
{
  const cairo_rectangle_t *box = &item->box;

  cairo_set_source_rgb (cr, item->ink, item->ink, item->ink);

  switch (item->kind)
    {
    case ITEM_TEXT:
      if (item->clipped)
        {
          cairo_save (cr);
          cairo_rectangle (cr, box->x, box->y, box->width, box->height);
          cairo_clip (cr);
        }
      cairo_move_to (cr, box->x, box->y);
      pango_cairo_show_layout (cr, item->layout);
      if (item->clipped)
        cairo_restore (cr);
      break;

    case ITEM_LINE:
      cairo_set_line_width (cr, item->line_width);
      if (item->dashed)
        cairo_set_dash (cr, (double[]) { 2, 1.5 }, 2, 0);
      cairo_move_to (cr, box->x, box->y);
      cairo_rel_line_to (cr, box->width, box->height);
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);
      break;

    case ITEM_RECT:
      cairo_rectangle (cr, box->x, box->y, box->width, box->height);
      if (item->fill >= 0)
        {
          cairo_set_source_rgb (cr, item->fill, item->fill, item->fill);
          if (item->line_width > 0)
            cairo_fill_preserve (cr);
          else
            cairo_fill (cr);
        }
      if (item->line_width > 0)
        {
          cairo_set_source_rgb (cr, item->ink, item->ink, item->ink);
          cairo_set_line_width (cr, item->line_width);
          cairo_stroke (cr);
        }
      cairo_new_path (cr);
      break;

    case ITEM_CIRCLE:
      cairo_new_sub_path (cr);
      cairo_arc (cr, box->x, box->y, box->width, 0, 2 * G_PI);
      cairo_set_line_width (cr, item->line_width);
      cairo_stroke (cr);
      break;

    case ITEM_MAP:
      draw_map (self, cr, item);
      break;

    default:
      g_assert_not_reached ();
    }
}

/**
 * staple_report_draw_page:
 * @self: a #StapleReport
 * @cr: where to draw, its user space in points from the page's top left
 * @page: the page, counting from 0
 * @width_pt: the width of the page @cr draws on
 * @height_pt: its height
 *
 * Draws one page. When the page @cr draws on is not the size the report was
 * paginated for (a printer's idea of A4 may differ by a point), the page is
 * scaled to fit and centred; it is never laid out again.
 */
void
staple_report_draw_page (StapleReport *self,
                         cairo_t      *cr,
                         guint         page,
                         double        width_pt,
                         double        height_pt)
{
  Page *p;

  g_return_if_fail (STAPLE_IS_REPORT (self));
  g_return_if_fail (cr != NULL);
  g_return_if_fail (page < self->pages->len);

  p = g_ptr_array_index (self->pages, page);

  cairo_save (cr);
  if (width_pt > 0 && height_pt > 0 &&
      (fabs (width_pt - p->width) > 0.01 || fabs (height_pt - p->height) > 0.01))
    {
      double scale = MIN (width_pt / p->width, height_pt / p->height);

      cairo_translate (cr, (width_pt - p->width * scale) / 2,
                       (height_pt - p->height * scale) / 2);
      cairo_scale (cr, scale, scale);
    }

  cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_MITER);
  for (guint i = 0; i < p->items->len; i++)
    draw_item (self, cr, &g_array_index (p->items, Item, i));

  cairo_restore (cr);
}

/* Writing a PDF */

typedef struct
{
  int fd;
  int saved_errno;
} Sink;

static cairo_status_t
write_cb (void                *closure,
          const unsigned char *data,
          unsigned int         length)
{
  Sink *sink = closure;

  while (length > 0)
    {
      ssize_t written = write (sink->fd, data, length);

      if (written < 0 && errno == EINTR)
        continue;
      if (written <= 0)
        {
          sink->saved_errno = written < 0 ? errno : ENOSPC;
          return CAIRO_STATUS_WRITE_ERROR;
        }

      data += written;
      length -= (unsigned int) written;
    }

  return CAIRO_STATUS_SUCCESS;
}

static void
set_metadata (StapleReport     *self,
              cairo_surface_t *surface)
{
  const char *facilitator = staple_session_get_facilitator (self->session);
  const char *organisation = staple_session_get_organisation (self->session);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  /* cairo takes ISO 8601 without fractions of a second. */
  g_autofree char *created = g_date_time_format (now, "%Y-%m-%dT%H:%M:%S%:z");

  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, session_title (self));
  if (!is_empty (facilitator))
    cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_AUTHOR, facilitator);
  else if (!is_empty (organisation))
    cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_AUTHOR, organisation);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Staple");
  if (created != NULL)
    cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATE_DATE, created);
}

static void
add_outline (StapleReport    *self,
             cairo_surface_t *surface)
{
  for (guint i = 0; i < self->pages->len; i++)
    {
      Page *page = g_ptr_array_index (self->pages, i);
      g_autofree char *link = NULL;

      if (page->outline == NULL)
        continue;
      link = g_strdup_printf ("page=%u", i + 1);
      cairo_pdf_surface_add_outline (surface, CAIRO_PDF_OUTLINE_ROOT, page->outline, link, 0);
    }
}

static cairo_status_t
draw_pdf (StapleReport *self,
          Sink         *sink)
{
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;

  surface = cairo_pdf_surface_create_for_stream (write_cb, sink, self->width, self->height);
  set_metadata (self, surface);
  cr = cairo_create (surface);

  for (guint i = 0; i < self->pages->len; i++)
    {
      Page *page = g_ptr_array_index (self->pages, i);

      cairo_pdf_surface_set_size (surface, page->width, page->height);
      staple_report_draw_page (self, cr, i, page->width, page->height);
      cairo_show_page (cr);
    }

  add_outline (self, surface);
  status = cairo_status (cr);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  return status;
}

/**
 * staple_report_write_pdf:
 * @self: a #StapleReport
 * @path: the PDF file to write
 * @error: return location for a #GError
 *
 * Writes every page to a PDF with real, searchable text and the document's
 * title, author and creation date set. The PDF goes to a temporary file
 * beside @path, flushed to disk, and only then takes @path's name: a
 * failure leaves whatever was at @path before, or nothing, never half a
 * file.
 *
 * Returns: whether the PDF was written
 */
gboolean
staple_report_write_pdf (StapleReport  *self,
                         const char    *path,
                         GError       **error)
{
  g_autofree char *name = NULL;
  g_autofree char *temp = NULL;
  Sink sink = { -1, 0 };
  cairo_status_t status;
  const char *reason = NULL;

  g_return_val_if_fail (STAPLE_IS_REPORT (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  name = g_filename_display_name (path);
  temp = g_strconcat (path, ".XXXXXX", NULL);
  sink.fd = g_mkstemp_full (temp, O_RDWR | O_CLOEXEC, 0644);
  if (sink.fd < 0)
    {
      reason = g_strerror (errno);
      g_set_error (error, STAPLE_EXPORT_ERROR, STAPLE_EXPORT_ERROR_FAILED,
                   _("Could not write “%s”: %s"), name, reason);
      return FALSE;
    }

  status = draw_pdf (self, &sink);
  if (status != CAIRO_STATUS_SUCCESS)
    reason = sink.saved_errno != 0 ? g_strerror (sink.saved_errno)
                                   : cairo_status_to_string (status);
  else if (fsync (sink.fd) != 0)
    reason = g_strerror (errno);

  if (close (sink.fd) != 0 && reason == NULL)
    reason = g_strerror (errno);
  if (reason == NULL && g_rename (temp, path) != 0)
    reason = g_strerror (errno);

  if (reason != NULL)
    {
      g_unlink (temp);
      g_set_error (error, STAPLE_EXPORT_ERROR, STAPLE_EXPORT_ERROR_FAILED,
                   _("Could not write “%s”: %s"), name, reason);
      return FALSE;
    }

  return TRUE;
}

/* For the tests */

/**
 * staple_report_get_row_rects: (skip)
 *
 * Returns: (transfer none): the rectangles of @page's table rows
 */
GArray *
staple_report_get_row_rects (StapleReport *self,
                             guint         page)
{
  g_return_val_if_fail (STAPLE_IS_REPORT (self), NULL);
  g_return_val_if_fail (page < self->pages->len, NULL);

  return ((Page *) g_ptr_array_index (self->pages, page))->rows;
}

/**
 * staple_report_get_text_rects: (skip)
 *
 * Returns: (transfer full): where the text on @page is, each block's
 *   logical extents cut to its clip
 */
GArray *
staple_report_get_text_rects (StapleReport *self,
                              guint         page)
{
  GArray *rects = g_array_new (FALSE, FALSE, sizeof (cairo_rectangle_t));
  Page *p;

  g_return_val_if_fail (STAPLE_IS_REPORT (self), rects);
  g_return_val_if_fail (page < self->pages->len, rects);

  p = g_ptr_array_index (self->pages, page);
  for (guint i = 0; i < p->items->len; i++)
    {
      const Item *item = &g_array_index (p->items, Item, i);
      PangoRectangle logical;
      cairo_rectangle_t rect;

      if (item->kind != ITEM_TEXT)
        continue;

      pango_layout_get_extents (item->layout, NULL, &logical);
      rect.x = item->box.x + (double) logical.x / PANGO_SCALE;
      rect.y = item->box.y + (double) logical.y / PANGO_SCALE;
      rect.width = (double) logical.width / PANGO_SCALE;
      rect.height = (double) logical.height / PANGO_SCALE;
      if (item->clipped)
        {
          double x1 = MIN (rect.x + rect.width, item->box.x + item->box.width);
          double y1 = MIN (rect.y + rect.height, item->box.y + item->box.height);

          rect.x = MAX (rect.x, item->box.x);
          rect.y = MAX (rect.y, item->box.y);
          rect.width = MAX (x1 - rect.x, 0);
          rect.height = MAX (y1 - rect.y, 0);
        }
      g_array_append_val (rects, rect);
    }

  return rects;
}

/**
 * staple_report_get_body: (skip)
 * @top: (out): where the page's body starts
 * @bottom: (out): where it ends, above the footer
 */
void
staple_report_get_body (StapleReport *self,
                        double       *top,
                        double       *bottom)
{
  g_return_if_fail (STAPLE_IS_REPORT (self));

  *top = self->top;
  *bottom = self->bottom;
}

/**
 * staple_report_get_texts: (skip)
 * @sizes: (out) (optional) (transfer full): each text's type size, in points
 *
 * Returns: (transfer full) (element-type utf8): the text of each block on
 *   @page, in the order staple_report_get_text_rects() gives their rects
 */
GPtrArray *
staple_report_get_texts (StapleReport  *self,
                         guint          page,
                         GArray       **sizes)
{
  GPtrArray *texts = g_ptr_array_new_with_free_func (g_free);
  Page *p;

  if (sizes != NULL)
    *sizes = g_array_new (FALSE, FALSE, sizeof (double));
  g_return_val_if_fail (STAPLE_IS_REPORT (self), texts);
  g_return_val_if_fail (page < self->pages->len, texts);

  p = g_ptr_array_index (self->pages, page);
  for (guint i = 0; i < p->items->len; i++)
    {
      const Item *item = &g_array_index (p->items, Item, i);
      const PangoFontDescription *font;
      double size;

      if (item->kind != ITEM_TEXT)
        continue;

      g_ptr_array_add (texts, g_strdup (pango_layout_get_text (item->layout)));
      font = pango_layout_get_font_description (item->layout);
      size = font != NULL ? (double) pango_font_description_get_size (font) / PANGO_SCALE : 0;
      if (sizes != NULL)
        g_array_append_val (*sizes, size);
    }

  return texts;
}
