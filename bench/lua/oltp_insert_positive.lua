-- sysbench's oltp_insert with positive, never-colliding ids. sysbench's own oltp_insert with
-- --auto_inc=off draws ids from sysbench.rand.unique() - 2^31, i.e. half of them negative; a sharded
-- keyspace wants the same positive ids a real application sends. Thread t of n inserts
-- start_id + t, start_id + t + n, ... through the statement oltp_common prepares for delete_inserts
-- ("INSERT INTO sbtest%u (id, k, c, pad) VALUES (?, ?, ?, ?)"), so --db-ps-mode decides, as for the
-- other workloads, whether it is a server-side prepared statement or a client-side emulation.

require("oltp_common")

sysbench.cmdline.options.start_id =
   {"First id to insert; thread t uses start_id + t + k * threads", 1000000000}

-- Same shapes as oltp_common's (local there) templates: 10 and 5 groups of 11 random digits.
local c_template = string.rep("###########-", 9) .. "###########"
local pad_template = string.rep("###########-", 4) .. "###########"

function prepare_statements()
   prepare_for_each_table("inserts")
   next_id = sysbench.opt.start_id + sysbench.tid
end

function event()
   local table_number = sysbench.rand.uniform(1, sysbench.opt.tables)
   local parameters = param[table_number].inserts

   parameters[1]:set(next_id)
   parameters[2]:set(sysbench.rand.default(1, sysbench.opt.table_size))
   parameters[3]:set_rand_str(c_template)
   parameters[4]:set_rand_str(pad_template)
   stmt[table_number].inserts:execute()
   next_id = next_id + sysbench.opt.threads
end
