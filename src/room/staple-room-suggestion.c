/* SPDX-License-Identifier: GPL-3.0-or-later */
/* staple-room-suggestion: a friction point a phone sent, waiting for the
 * coach to accept, merge or discard it. It carries the number of the device
 * that sent it (1, 2, … in the order phones joined), never its token. */
#define G_LOG_DOMAIN "staple-room"

#include "config.h"

#include "staple-room-suggestion.h"

struct _StapleRoomSuggestion
{
  GObject    parent_instance;

  guint      id;
  gint64     stage_id;
  char      *text;
  GDateTime *time;
  guint      device;
};

G_DEFINE_FINAL_TYPE (StapleRoomSuggestion, staple_room_suggestion, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_STAGE_ID,
  PROP_TEXT,
  PROP_TIME,
  PROP_DEVICE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
staple_room_suggestion_finalize (GObject *object)
{
  StapleRoomSuggestion *self = STAPLE_ROOM_SUGGESTION (object);

  g_clear_pointer (&self->text, g_free);
  g_clear_pointer (&self->time, g_date_time_unref);

  G_OBJECT_CLASS (staple_room_suggestion_parent_class)->finalize (object);
}

static void
staple_room_suggestion_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  StapleRoomSuggestion *self = STAPLE_ROOM_SUGGESTION (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_uint (value, self->id);
      break;
    case PROP_STAGE_ID:
      g_value_set_int64 (value, self->stage_id);
      break;
    case PROP_TEXT:
      g_value_set_string (value, self->text);
      break;
    case PROP_TIME:
      g_value_set_boxed (value, self->time);
      break;
    case PROP_DEVICE:
      g_value_set_uint (value, self->device);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
staple_room_suggestion_class_init (StapleRoomSuggestionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = staple_room_suggestion_finalize;
  object_class->get_property = staple_room_suggestion_get_property;

  properties[PROP_ID] =
    g_param_spec_uint ("id", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_STAGE_ID] =
    g_param_spec_int64 ("stage-id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_TEXT] =
    g_param_spec_string ("text", NULL, NULL, "",
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_TIME] =
    g_param_spec_boxed ("time", NULL, NULL, G_TYPE_DATE_TIME,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_DEVICE] =
    g_param_spec_uint ("device", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
staple_room_suggestion_init (StapleRoomSuggestion *self)
{
}

/**
 * staple_room_suggestion_new:
 * @id: the suggestion's number in the room
 * @stage_id: the stage it was sent for
 * @text: its text, valid UTF-8, already trimmed
 * @device: the number of the device that sent it
 *
 * Returns: (transfer full): a suggestion, timed now
 */
StapleRoomSuggestion *
staple_room_suggestion_new (guint       id,
                            gint64      stage_id,
                            const char *text,
                            guint       device)
{
  StapleRoomSuggestion *self;

  g_return_val_if_fail (text != NULL && g_utf8_validate (text, -1, NULL), NULL);

  self = g_object_new (STAPLE_TYPE_ROOM_SUGGESTION, NULL);
  self->id = id;
  self->stage_id = stage_id;
  self->text = g_strdup (text);
  self->time = g_date_time_new_now_local ();
  self->device = device;
  return self;
}

guint
staple_room_suggestion_get_id (StapleRoomSuggestion *self)
{
  g_return_val_if_fail (STAPLE_IS_ROOM_SUGGESTION (self), 0);

  return self->id;
}

gint64
staple_room_suggestion_get_stage_id (StapleRoomSuggestion *self)
{
  g_return_val_if_fail (STAPLE_IS_ROOM_SUGGESTION (self), 0);

  return self->stage_id;
}

const char *
staple_room_suggestion_get_text (StapleRoomSuggestion *self)
{
  g_return_val_if_fail (STAPLE_IS_ROOM_SUGGESTION (self), NULL);

  return self->text;
}

/**
 * staple_room_suggestion_get_time:
 *
 * Returns: (transfer none): when the suggestion arrived
 */
GDateTime *
staple_room_suggestion_get_time (StapleRoomSuggestion *self)
{
  g_return_val_if_fail (STAPLE_IS_ROOM_SUGGESTION (self), NULL);

  return self->time;
}

guint
staple_room_suggestion_get_device (StapleRoomSuggestion *self)
{
  g_return_val_if_fail (STAPLE_IS_ROOM_SUGGESTION (self), 0);

  return self->device;
}
