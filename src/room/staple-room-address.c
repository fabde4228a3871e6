/* SPDX-License-Identifier: GPL-3.0-or-later */
/* staple-room-address: which of the laptop's addresses are the room's.
 *
 * The room listens only on the local network: private IPv4 ranges
 * (10/8, 172.16/12, 192.168/16) and IPv4 link-local (169.254/16). Never
 * loopback, never a public address.
 */
#include "config.h"

#include "staple-room-address.h"

#include <ifaddrs.h>
#include <net/if.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>

/**
 * staple_room_address_is_local:
 * @address: an address
 *
 * Returns: whether @address is on a local network the room may listen on
 */
gboolean
staple_room_address_is_local (GInetAddress *address)
{
  const guint8 *b;

  g_return_val_if_fail (G_IS_INET_ADDRESS (address), FALSE);

  if (g_inet_address_get_family (address) != G_SOCKET_FAMILY_IPV4)
    return FALSE;
  b = g_inet_address_to_bytes (address);
  return b[0] == 10 ||
         (b[0] == 172 && (b[1] & 0xf0) == 16) ||
         (b[0] == 192 && b[1] == 168) ||
         (b[0] == 169 && b[1] == 254);
}

/**
 * staple_room_network_free:
 */
void
staple_room_network_free (StapleRoomNetwork *network)
{
  if (network == NULL)
    return;
  g_free (network->interface);
  g_clear_object (&network->address);
  g_free (network);
}

static gboolean
is_link_local (GInetAddress *address)
{
  const guint8 *b = g_inet_address_to_bytes (address);

  return b[0] == 169 && b[1] == 254;
}

/* g_ptr_array_sort() is stable (GLib 2.32): the others keep their order. */
static int
compare_link_local_last (gconstpointer a,
                         gconstpointer b)
{
  GInetAddress *x = (*(StapleRoomNetwork * const *) a)->address;
  GInetAddress *y = (*(StapleRoomNetwork * const *) b)->address;

  if (is_link_local (x) != is_link_local (y))
    return is_link_local (x) ? 1 : -1;
  return 0;
}

/**
 * staple_room_address_list_local:
 *
 * Only interfaces that are up and have a link: a bridge with nothing
 * behind it (docker0, virbr0 with no container or machine running) has no
 * carrier, and phones could not reach its address.
 *
 * Returns: (transfer full) (element-type StapleRoomNetwork): the laptop's
 *   addresses on a local network with their interfaces, in the order the
 *   system lists them but
 *   link-local ones (169.254/16) last: a phone is more likely to share the
 *   network that gave the laptop its address
 */
GPtrArray *
staple_room_address_list_local (void)
{
  GPtrArray *list = g_ptr_array_new_with_free_func ((GDestroyNotify) staple_room_network_free);
  struct ifaddrs *all = NULL;

  if (getifaddrs (&all) != 0)
    return list;
  for (struct ifaddrs *i = all; i != NULL; i = i->ifa_next)
    {
      g_autoptr(GInetAddress) address = NULL;
      struct sockaddr_in inet;

      if (i->ifa_addr == NULL || i->ifa_addr->sa_family != AF_INET ||
          (i->ifa_flags & (IFF_UP | IFF_RUNNING)) != (IFF_UP | IFF_RUNNING) ||
          (i->ifa_flags & IFF_LOOPBACK) != 0)
        continue;
      /* Copied rather than cast: struct sockaddr is less aligned. */
      memcpy (&inet, i->ifa_addr, sizeof inet);
      address = g_inet_address_new_from_bytes ((const guint8 *) &inet.sin_addr,
                                               G_SOCKET_FAMILY_IPV4);
      if (staple_room_address_is_local (address))
        {
          StapleRoomNetwork *network = g_new0 (StapleRoomNetwork, 1);

          network->interface = g_strdup (i->ifa_name);
          network->address = g_steal_pointer (&address);
          g_ptr_array_add (list, network);
        }
    }
  freeifaddrs (all);
  g_ptr_array_sort (list, compare_link_local_last);
  return list;
}
