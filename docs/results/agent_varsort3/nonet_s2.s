# found by superopt agent, seed 2
	.text
	.globl	varsort3_agent
	.type	varsort3_agent, @function
	.p2align 6
varsort3_agent:
	mov (%rdi), %eax
	mov 4(%rdi), %ecx
	cmp $2, %eax
	je .Lvarsort3_agent_L0
	jl .Lvarsort3_agent_L1
	mov %eax, %edx
	mov 8(%rdi), %esi
	mov 12(%rdi), %edx
	mov %edx, %eax
	cmp %esi, %eax
	cmovg %esi, %edx
	cmovg %eax, %esi
	cmp %esi, %ecx
	mov %ecx, %eax
	cmovl %esi, %eax
	mov %eax, 12(%rdi)
	cmovl %ecx, %esi
	cmp %esi, %edx
	mov %edx, %eax
	cmovle %ecx, %eax
	cmp %ecx, %eax
	mov %edx, %eax
	cmovle %eax, %ecx
	cmovle %esi, %eax
	mov %ecx, 4(%rdi)
	cmp %esi, %edx
	mov %eax, 8(%rdi)
	cmp %esi, %edx
	jmp .Lvarsort3_agent_L2
.Lvarsort3_agent_L0:
	mov 8(%rdi), %eax
	cmp %ecx, %eax
	mov %ecx, %edx
	cmovl %eax, %edx
	mov %edx, 4(%rdi)
	cmovg %eax, %ecx
	mov %ecx, 8(%rdi)
.Lvarsort3_agent_L1:
.Lvarsort3_agent_L2:
	ret
	.size	varsort3_agent, .-varsort3_agent
	.section	.note.GNU-stack,"",@progbits
